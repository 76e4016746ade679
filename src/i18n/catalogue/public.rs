//! Texts of the public pages.

crate::messages! {
    // Page labels: headings, column titles, buttons and notes of the pages.
    to "public.page.to" () { zh: " 至 ", en: " to " }
    backward_capacity_closed "public.page.backward_capacity_closed" () { zh: "落后产能退出公示名单", en: "Backward capacity closed" }
    download_csv "public.page.download_csv" () { zh: "下载 CSV", en: "Download CSV" }
    enterprise "public.page.enterprise" () { zh: "企业名称", en: "Enterprise" }
    enterprises_under_a_rectification_order "public.page.enterprises_under_a_rectification_order" () { zh: "限期整改企业名单", en: "Enterprises under a rectification order" }
    exit_by "public.page.exit_by" () { zh: "退出方式", en: "Exit by" }
    issued_by "public.page.issued_by" () { zh: "发布机关", en: "Issued by" }
    lists_as_of "public.page.lists_as_of" () { zh: "名单生成时间", en: "Lists as of" }
    objections "public.page.objections" () { zh: "异议渠道", en: "Objections" }
    objections_to_these_lists_may_be "public.page.objections_to_these_lists_may_be" () { zh: "对公示内容有异议的,请在公示期内通过以下方式实名反映:", en: "Objections to these lists may be made, with your name, within the period: " }
    public_lists "public.page.public_lists" () { zh: "公示", en: "Public lists" }
    publication_period "public.page.publication_period" () { zh: "公示期", en: "Publication period" }
    rectify_by "public.page.rectify_by" () { zh: "整改期限", en: "Rectify by" }
    open "public.page.open" () { zh: "公示中", en: "open" }
    outside_the_period "public.page.outside_the_period" () { zh: "不在公示期内", en: "outside the period" }
}
