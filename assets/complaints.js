// The complaint form's map: a tap on the district map fills longitude and latitude (both the
// "see nearby" form and the report form) and moves the marker. Without scripts the fields are
// typed by hand. The projection is read from the SVG's data attributes (server-drawn).
(function () {
  var svg = document.getElementById('complaint-map');
  if (!svg) return;
  var d = svg.dataset;
  var x0 = parseFloat(d.x0), y0 = parseFloat(d.y0), k = parseFloat(d.k), s = parseFloat(d.s), h = parseFloat(d.h), pad = parseFloat(d.pad);
  var marker = document.getElementById('complaint-marker');
  svg.addEventListener('click', function (ev) {
    var pt = svg.createSVGPoint();
    pt.x = ev.clientX; pt.y = ev.clientY;
    var p = pt.matrixTransform(svg.getScreenCTM().inverse());
    var lon = x0 + (p.x - pad) / (k * s);
    var lat = y0 + (h - pad - p.y) / s;
    marker.setAttribute('cx', p.x.toFixed(1));
    marker.setAttribute('cy', p.y.toFixed(1));
    var inputs = document.querySelectorAll('input.lon');
    for (var i = 0; i < inputs.length; i++) inputs[i].value = lon.toFixed(5);
    inputs = document.querySelectorAll('input.lat');
    for (var j = 0; j < inputs.length; j++) inputs[j].value = lat.toFixed(5);
  });
})();
