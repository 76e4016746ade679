//! Imports accept what Excel writes: the same ledger as UTF-8, UTF-8 with BOM and GBK gives
//! identical results, through the parser and through the HTTP import on both databases.

use lantian::excel;

use crate::support::*;

/// The demo ledger's enterprise sheet in the three encodings (the export writes UTF-8 + BOM).
fn three_encodings(n: usize) -> (lantian::demo::DemoCity, [Vec<u8>; 3]) {
    let city = lantian::demo::generate(n, 5);
    let with_bom = excel::export::enterprises_csv(&city.bundles);
    let plain = with_bom.strip_prefix(b"\xEF\xBB\xBF").unwrap().to_vec();
    let text = std::str::from_utf8(&plain).unwrap();
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(text);
    assert!(!unmappable, "the demo ledger is representable in GBK");
    let gbk = gbk.into_owned();
    assert_ne!(gbk, plain, "the ledger has Chinese text, so GBK differs from UTF-8");
    (city, [plain, with_bom, gbk])
}

#[test]
fn the_parser_reads_the_same_ledger_in_every_encoding() {
    let (city, files) = three_encodings(60);
    let expected: Vec<_> = city.bundles.iter().map(|b| b.enterprise.clone()).collect();
    for (file, name) in files.iter().zip(["UTF-8", "UTF-8 BOM", "GBK"]) {
        let parsed = excel::parse_csv(file).unwrap_or_else(|p| panic!("{name}: {p:?}"));
        let records: Vec<_> = parsed.bundles.iter().map(|b| b.enterprise.clone()).collect();
        assert_eq!(records, expected, "{name}");
    }
}

#[test]
fn a_file_that_is_not_text_in_any_encoding_is_refused_with_the_line() {
    let mut bytes = "统一社会信用代码,企业名称\n".as_bytes().to_vec();
    bytes.extend_from_slice(b"\xFF\xFF\xFF,x\n");
    let p = excel::parse_csv(&bytes).expect_err("refused");
    assert_eq!(p.len(), 1);
    assert!(p[0].reason.render(lantian::i18n::Lang::Zh).contains("第 2 行") && p[0].reason.render(lantian::i18n::Lang::En).contains("line 2"), "{:?}", p[0]);
}

crate::both_backends! {
    async fn http_import_of_each_encoding_gives_the_same_ledger(t: &TestDb) {
        let (city, files) = three_encodings(25);
        load_demo_divisions(&t.db, &city).await;
        lantian::storage::accounts::add_user(&t.db, &lantian::storage::audit::Actor::system(), &lantian::demo::accounts::accounts(&city)[0]).await.unwrap();
        let base = serve(&t.db, Default::default()).await;
        let s = login(&base, "admin").await;
        let mut reports = Vec::new();
        for (i, file) in files.iter().enumerate() {
            let r = s
                .client
                .post(format!("{base}/api/ledger/import?format=csv&update={}", i > 0))
                .header("x-csrf-token", &s.csrf)
                .body(file.clone())
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 200, "encoding #{i}: {}", r.text().await.unwrap());
            let exported = s.client.get(format!("{base}/api/ledger/export.csv")).send().await.unwrap().bytes().await.unwrap();
            reports.push(exported);
        }
        assert_eq!(reports[0], reports[1]);
        assert_eq!(reports[1], reports[2]);
        let parsed = excel::parse_csv(&reports[2]).unwrap();
        assert_eq!(parsed.bundles.len(), 25);
    }
}
