//! The public portal (issue 14 item 1): the published lists, an enterprise's public page, the
//! map of published items, and the staff page that decides what is published.

crate::messages! {
    bad_key "publication.bad_key" (value: String) { zh: "“{value}”不是该名单的条目编号", en: "'{value}' is not an item of this list" }
    bad_list "publication.bad_list" (value: String) { zh: "未知的公示名单“{value}”(应为 rectification、closed、campaign 或 exceedance)", en: "unknown published list '{value}' (rectification, closed, campaign or exceedance)" }
    bad_choice "publication.bad_choice" (value: String) { zh: "操作“{value}”无效(应为 publish 或 withdraw)", en: "'{value}' is not a choice (publish or withdraw)" }
    note_too_long "publication.note_too_long" (max: usize) { zh: "说明不超过 {max} 个字", en: "the note may have at most {max} characters" }
    not_found "publication.not_found" (key: String) { zh: "没有可公示的条目 {key}(不存在、不在本辖区,或已不属于该名单)", en: "no item {key} to publish (it does not exist, is outside your jurisdiction, or no longer belongs on the list)" }
    lists_city_only "publication.lists_city_only" () { zh: "名单的开放与关闭由市级或全平台账号决定", en: "only city-level or platform-wide accounts open or close a list" }
}
