//! Messages of the web layer: error pages and refusals common to every route.

crate::messages! {
    bad_request "http.400.title" () { zh: "请求有误", en: "Bad request" }
    unauthorized "http.401.title" () { zh: "请先登录", en: "Please sign in" }
    forbidden "http.403.title" () { zh: "无权访问", en: "Access denied" }
    not_found "http.404.title" () { zh: "页面不存在", en: "Page not found" }
    method_not_allowed "http.405.title" () { zh: "不支持的请求方式", en: "Method not allowed" }
    request_timeout "http.408.title" () { zh: "请求超时", en: "Request timed out" }
    conflict "http.409.title" () { zh: "与现有数据冲突", en: "Conflict with existing data" }
    payload_too_large "http.413.title" () { zh: "提交的内容过大", en: "Request too large" }
    uri_too_long "http.414.title" () { zh: "网址过长", en: "Address too long" }
    unsupported_media "http.415.title" () { zh: "不支持的内容类型", en: "Unsupported content type" }
    unprocessable "http.422.title" () { zh: "提交的内容有误", en: "The submission has errors" }
    too_many_requests "http.429.title" () { zh: "请求过于频繁", en: "Too many requests" }
    headers_too_large "http.431.title" () { zh: "请求头过大", en: "Request headers too large" }
    internal "http.500.title" () { zh: "服务器内部错误", en: "Internal server error" }
    unavailable "http.503.title" () { zh: "服务暂不可用", en: "Service unavailable" }
    other "http.other.title" (status: u16) { zh: "错误 {status}", en: "Error {status}" }

    page_not_found "http.page_not_found" (path: String) {
        zh: "没有“{path}”这个页面。请检查网址，或从首页进入。",
        en: "There is no page at “{path}”. Check the address, or start from the home page.",
    }
    bad_path_param "http.bad_path_param" (value: String) {
        zh: "网址中的“{value}”不是有效的编号。",
        en: "“{value}” in the address is not a valid id.",
    }
    bad_query "http.bad_query" () {
        zh: "网址中的查询参数有误，请检查后重试。",
        en: "The query in the address is not valid; check it and try again.",
    }
    bad_query_field "http.bad_query_field" (field: String) {
        zh: "网址中的查询参数“{field}”缺失或有误。",
        en: "The query parameter “{field}” in the address is missing or not valid.",
    }
    bad_form "http.bad_form" () {
        zh: "提交的表单有误，请返回检查后重新提交。",
        en: "The submitted form is not valid; go back, check it and submit again.",
    }
    bad_form_field "http.bad_form_field" (field: String) {
        zh: "表单项“{field}”缺失或有误。",
        en: "The form field “{field}” is missing or not valid.",
    }
    sign_in "http.sign_in" () { zh: "请先登录。", en: "Please sign in." }
    may_not_open "http.may_not_open" () {
        zh: "您的账号无权访问此页面或执行此操作。如需权限，请联系系统管理员。",
        en: "Your account may not open this page or do this. Ask the administrator if you need it.",
    }
    slow_down "http.slow_down" () {
        zh: "请求过于频繁，请稍等片刻再试。",
        en: "Too many requests; please wait a moment and try again.",
    }
    csrf_failed "http.csrf_failed" (why: Msg) {
        zh: "表单校验失败（{why}）。请返回上一页，刷新后重新提交。",
        en: "The form check failed ({why}). Go back, reload the page and submit again.",
    }
    csrf_missing "http.csrf.missing" () { zh: "缺少校验码", en: "the check token is missing" }
    csrf_mismatch "http.csrf.mismatch" () { zh: "校验码不符或已过期", en: "the check token does not match or has expired" }
    too_large_limit "http.too_large_limit" (limit_mb: usize) {
        zh: "提交的内容超过 {limit_mb} MB 的上限。",
        en: "The submission exceeds the limit of {limit_mb} MB.",
    }
    uri_limit "http.uri_limit" (limit_kb: usize) {
        zh: "网址（含查询参数）超过 {limit_kb} KB 的上限。请缩小筛选条件。",
        en: "The address (with its query) exceeds the limit of {limit_kb} KB. Narrow the filter.",
    }
    header_limit "http.header_limit" (limit_kb: usize) {
        zh: "请求头超过 {limit_kb} KB 的上限（Cookie 过多？请清除本站 Cookie 后重试）。",
        en: "The request headers exceed the limit of {limit_kb} KB (too many cookies? clear this site's cookies and retry).",
    }
    timeout "http.timeout" () {
        zh: "处理时间过长，已中止。请缩小范围后重试。",
        en: "The request took too long and was stopped. Try a narrower request.",
    }
    method "http.method" () { zh: "此网址不接受这种请求方式。", en: "This address does not accept this kind of request." }
    back_home "http.back_home" () { zh: "返回首页", en: "Back to the home page" }
    back "http.back" () { zh: "返回上一页", en: "Go back" }
    sign_in_link "http.sign_in_link" () { zh: "登录", en: "Sign in" }
    error_code "http.error_code" (code: String) { zh: "错误代码：{code}", en: "Error code: {code}" }
}

use crate::i18n::Msg;
