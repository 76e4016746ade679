// Offline drafts and the phone's position for field forms (see `offline_script` in
// src/web/pages/campaigns.rs). A file, not an inline block: the Content-Security-Policy
// allows scripts from the platform's own origin only.
var OFFLINE=(document.getElementById('offline-script')||{dataset:{}}).dataset.offlineMessage||'Offline: the draft is kept, send it when back online';
document.querySelectorAll('form.offline').forEach(function(f){
  var key='lantian-draft-'+(f.dataset.draft||f.action);
  try{var d=JSON.parse(localStorage.getItem(key)||'{}');Object.keys(d).forEach(function(n){var e=f.elements[n];if(e&&e.type!=='file'&&e.type!=='hidden'&&!e.value)e.value=d[n];});}catch(e){}
  f.addEventListener('input',function(){var d={};Array.prototype.forEach.call(f.elements,function(e){if(e.name&&e.type!=='file'&&e.type!=='hidden'&&e.type!=='radio')d[e.name]=e.value;});try{localStorage.setItem(key,JSON.stringify(d));}catch(e){}});
  f.addEventListener('submit',function(ev){if(!navigator.onLine){ev.preventDefault();alert(OFFLINE);return;}try{localStorage.removeItem(key);}catch(e){}});
});
var located=Array.prototype.filter.call(document.forms,function(f){return f.elements['lat']&&f.elements['lon'];});
if(located.length&&navigator.geolocation){navigator.geolocation.getCurrentPosition(function(p){located.forEach(function(f){f.elements['lat'].value=p.coords.latitude.toFixed(6);f.elements['lon'].value=p.coords.longitude.toFixed(6);});},function(){},{timeout:8000,maximumAge:60000});}
