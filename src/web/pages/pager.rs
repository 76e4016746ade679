//! Paging for every list that can grow: previous / next, "page n of m" and a jump-to-page
//! form, keeping the list's other query parameters.

use maud::{html, Markup};

use crate::web::i18n::Lang;
use crate::i18n::catalogue as cat;

/// Rows per page of the lists that are paged in memory (cases, findings, public lists).
pub const PER_PAGE: u32 = 50;

/// Where a list is in its pages, built from the request's query parameters.
pub struct Pager {
    pub page: u32,
    pub per_page: u32,
    pub total: u64,
    path: String,
    /// The query parameter that holds the page number ("page"; another name when one page
    /// shows two paged lists).
    key: &'static str,
    /// The query's other parameters (filters), repeated in every link and in the jump form.
    params: Vec<(String, String)>,
}

impl Pager {
    /// `params` are the request's query parameters; `page` among them selects the page
    /// (anything that is not a positive number means the first).
    pub fn new(path: &str, params: Vec<(String, String)>, per_page: u32) -> Pager {
        Pager::keyed(path, params, per_page, "page")
    }

    /// A pager whose page number is the query parameter `key`.
    pub fn keyed(path: &str, params: Vec<(String, String)>, per_page: u32, key: &'static str) -> Pager {
        let page = params.iter().find(|(k, _)| k == key).and_then(|(_, v)| v.trim().parse::<u32>().ok()).unwrap_or(1).max(1);
        let params = params.into_iter().filter(|(k, _)| k != key && k != "lang" && k != "_csrf").collect();
        Pager { page, per_page: per_page.max(1), total: 0, path: path.to_string(), key, params }
    }

    /// Keep only these query parameters (the list's own filters) in links and the jump form;
    /// anything else in the request is not repeated back.
    pub fn keeping(mut self, keys: &[&str]) -> Pager {
        self.params.retain(|(k, _)| keys.contains(&k.as_str()));
        self
    }

    /// Set the total and bring the page inside 1..=pages.
    pub fn with_total(mut self, total: u64) -> Pager {
        self.total = total;
        self.page = self.page.min(self.pages());
        self
    }

    pub fn pages(&self) -> u32 {
        (self.total.div_ceil(self.per_page as u64)).max(1).min(u32::MAX as u64) as u32
    }

    pub fn offset(&self) -> u64 {
        (self.page as u64 - 1) * self.per_page as u64
    }

    /// This page's part of a list held in memory.
    pub fn slice<'a, T>(&self, items: &'a [T]) -> &'a [T] {
        let start = (self.offset() as usize).min(items.len());
        let end = (start + self.per_page as usize).min(items.len());
        &items[start..end]
    }

    pub fn href(&self, page: u32) -> String {
        let mut params = self.params.clone();
        if page > 1 {
            params.push((self.key.into(), page.to_string()));
        }
        let qs = serde_urlencoded::to_string(&params).unwrap_or_default();
        if qs.is_empty() { self.path.clone() } else { format!("{}?{qs}", self.path) }
    }

    /// The navigation under a list; nothing when everything fits on one page.
    pub fn render(&self, lang: Lang, id: &str) -> Markup {
        let pages = self.pages();
        html! {
            @if pages > 1 {
                nav.pager id=(id) aria-label=(lang.label(cat::common::pages())) {
                    @if self.page > 1 {
                        a.button.secondary href=(self.href(1)) rel="first" { (lang.label(cat::common::first())) }
                        a.button.secondary href=(self.href(self.page - 1)) rel="prev" { (lang.label(cat::common::previous())) }
                    }
                    span.page-of { (lang.label(cat::common::page())) strong { (self.page) } " / " (pages) (lang.label(cat::common::of())) (self.total) (lang.label(cat::common::rows())) }
                    @if self.page < pages {
                        a.button.secondary href=(self.href(self.page + 1)) rel="next" { (lang.label(cat::common::next())) }
                        a.button.secondary href=(self.href(pages)) rel="last" { (lang.label(cat::common::last())) }
                    }
                    form.inline.jump method="get" action=(self.path) {
                        @for (k, v) in &self.params { input type="hidden" name=(k) value=(v); }
                        label { (lang.label(cat::common::go_to_page())) " "
                            input type="number" name=(self.key) min="1" max=(pages) value=(self.page) inputmode="numeric" size="4"; }
                        " " button.secondary type="submit" { (lang.label(cat::common::go())) }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(q: &str) -> Vec<(String, String)> {
        serde_urlencoded::from_str(q).unwrap()
    }

    #[test]
    fn pages_clamp_and_keep_filters() {
        let p = Pager::new("/cases", params("state=rectifying&page=9&lang=en&q=x"), 50).keeping(&["state"]).with_total(120);
        assert_eq!((p.page, p.pages(), p.offset()), (3, 3, 100));
        assert_eq!(p.href(2), "/cases?state=rectifying&page=2");
        assert_eq!(p.href(1), "/cases?state=rectifying");
        let items: Vec<u32> = (0..120).collect();
        assert_eq!(p.slice(&items).len(), 20);
    }

    #[test]
    fn bad_page_numbers_mean_the_first() {
        for q in ["page=abc", "page=0", "page=-3", "", "page="] {
            let p = Pager::new("/x", params(q), 10).with_total(35);
            assert_eq!(p.page, 1, "{q}");
        }
        let empty = Pager::new("/x", params("page=4"), 10).with_total(0);
        assert_eq!((empty.page, empty.pages()), (1, 1));
        assert!(empty.slice::<u8>(&[]).is_empty());
    }

    #[test]
    fn one_page_renders_nothing() {
        let p = Pager::new("/x", vec![], 10).with_total(10);
        assert!(p.render(Lang::Zh, "p").into_string().is_empty());
        let p = Pager::new("/x", params("q=a%26b"), 10).with_total(11);
        let html = p.render(Lang::Zh, "p").into_string();
        assert!(html.contains("href=\"/x?q=a%26b&amp;page=2\""), "{html}");
        assert!(html.contains("name=\"q\" value=\"a&amp;b\""), "{html}");
    }
}
