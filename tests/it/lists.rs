//! List pages for daily use: the division menu found by index seeks, divisions by their full
//! names, and paging (previous / next, page count, jump) on every list that can grow.

use std::collections::BTreeSet;

use lantian::storage::ledger as store;

use crate::both_backends;
use crate::support::*;

both_backends! {
    async fn divisions_in_use_are_the_counties_holding_enterprises(t: &TestDb) {
        let city = load_demo_city(&t.db, 120, 5).await;
        let used = store::divisions_in_use(&t.db).await.unwrap();
        let counties: BTreeSet<String> = city.bundles.iter().map(|b| b.enterprise.division_code[..6].to_string()).collect();
        let got: BTreeSet<String> = used.iter().filter(|d| d.level == "county").map(|d| d.code.clone()).collect();
        assert_eq!(got, counties);
        let cities: Vec<&str> = used.iter().filter(|d| d.level == "city").map(|d| d.code.as_str()).collect();
        assert_eq!(cities, vec![lantian::demo::CITY_CODE]);
        // Nothing of the rest of the country (GB/T 2260 is loaded) and nothing when the ledger is empty.
        assert!(used.iter().all(|d| d.code.starts_with("6120")), "{used:?}");
        let empty = TestDb::sqlite().await;
        assert!(store::divisions_in_use(&empty.db).await.unwrap().is_empty());

        // Full names from the city down, for every level; unknown codes stay codes.
        let grid = city.divisions.iter().find(|d| d.level == "grid").unwrap();
        let names = store::full_names(&t.db, [grid.code.as_str(), "612000", "999999999999"]).await.unwrap();
        let full = &names[&grid.code];
        assert!(full.starts_with("青岚市·"), "{full}");
        assert_eq!(full.split('·').count(), 4, "city·county·township·grid: {full}");
        assert!(full.ends_with(&grid.name), "{full}");
        assert_eq!(names["612000"], "青岚市");
        assert_eq!(names["999999999999"], "999999999999");
    }
}

fn pager_links(html: &str) -> (bool, bool) {
    (html.contains("rel=\"prev\""), html.contains("rel=\"next\""))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn list_pages_show_full_names_and_page() {
    let t = TestDb::sqlite().await;
    let city = load_demo_city(&t.db, 400, 7).await;
    let base = serve(&t.db, Default::default()).await;
    let Session { client: c, csrf } = login(&base, "admin").await;

    // The ledger: full division names, and the pager with a jump form.
    let html = c.get(format!("{base}/enterprises")).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("青岚市·"), "full division names on the list");
    assert!(html.contains("id=\"enterprise-pager\"") && html.contains("name=\"page\""));
    assert_eq!(pager_links(&html), (false, true));
    let last = c.get(format!("{base}/enterprises?page=20")).send().await.unwrap().text().await.unwrap();
    assert_eq!(pager_links(&last), (true, false));
    assert!(last.contains("<strong>20</strong> / 20"), "page 20 of 20 (400 rows, 20 a page)");
    // A page past the end shows the last page; a page that is not a number is refused or shows the first.
    let past = c.get(format!("{base}/enterprises?status=operating&page=9999")).send().await.unwrap();
    assert_eq!(past.status(), 200);
    assert!(past.text().await.unwrap().contains("status=operating&amp;page="), "filters kept in the pager's links");

    // Screening findings, cases and the audit log are paged.
    let r = c.post(format!("{base}/screening/run")).header("x-csrf-token", &csrf).send().await.unwrap();
    assert!(r.status().is_redirection(), "{}", r.status());
    let runs = lantian::storage::runs::recent(&t.db, &lantian::auth::Scope::All, 1).await.unwrap();
    let findings = lantian::storage::runs::findings(&t.db, runs[0].id, &lantian::auth::Scope::All).await.unwrap();
    assert!(findings.len() > 50, "enough findings to page: {}", findings.len());
    let screening = c.get(format!("{base}/screening")).send().await.unwrap().text().await.unwrap();
    assert_eq!(screening.matches("<tr data-key=").count(), 50);
    assert!(screening.contains("id=\"findings-pager\""));
    let pages = findings.len().div_ceil(50);
    let tail = c.get(format!("{base}/screening?page={pages}")).send().await.unwrap().text().await.unwrap();
    assert_eq!(tail.matches("<tr data-key=").count(), findings.len() - (pages - 1) * 50);

    let cases = lantian::storage::cases::list(&t.db, &lantian::auth::Scope::All, &Default::default()).await.unwrap();
    let html = c.get(format!("{base}/cases")).send().await.unwrap().text().await.unwrap();
    assert_eq!(html.matches("<tr data-case=").count(), cases.len().min(50));
    if cases.len() > 50 {
        assert!(html.contains("id=\"cases-pager\""));
        let second = c.get(format!("{base}/cases?page=2")).send().await.unwrap().text().await.unwrap();
        assert!(second.contains(&format!("data-case=\"{}\"", cases[50].id)), "page 2 starts at the 51st case");
    }

    let entries = lantian::storage::audit::count(&t.db).await.unwrap();
    assert!(entries > 100, "{entries} audit entries");
    let audit = c.get(format!("{base}/admin/audit?page=2")).send().await.unwrap().text().await.unwrap();
    assert!(audit.contains(&format!("<td class=\"num\">{}</td>", entries - 100)), "page 2 starts 100 entries below the newest");
    assert!(audit.contains("id=\"audit-pager\""));

    // Account scopes by full name (the code stays as a tooltip).
    let users = c.get(format!("{base}/admin/users")).send().await.unwrap().text().await.unwrap();
    assert!(users.contains("title=\"612002\">青岚市·"), "county scope shown by name");

    // The public list: full names, no bare division codes in its cells.
    let public = cookie_client().get(format!("{base}/public")).send().await.unwrap().text().await.unwrap();
    let published: Vec<_> = lantian::storage::cases::public_list(&t.db, false).await.unwrap();
    for c in published.iter().take(5) {
        assert!(!public.contains(&format!("<td>{}</td>", c.division_code)), "bare code {} on the public list", c.division_code);
    }
    let _ = city;
}
