//! A local rule from a form: title, a condition from fact / operator / value pickers, outcome
//! and basis. It writes the same catalogue entry an expert writes in TOML (shown before saving,
//! and still editable as a file), appended to a local rule file and checked in full.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use maud::{html, Markup};

use super::layout::{self, Section};
use crate::auth::Viewer;
use crate::screening::catalogue::OUTCOMES;
use crate::screening::rule_form::{FactType, RuleDraft, DIMENSIONS, FACTS, OPERATORS};
use crate::screening::{dimension_label, outcome_label};
use crate::storage::rules;
use crate::web::auth::Ctx;
use crate::web::State;

#[derive(Default, serde::Deserialize)]
#[serde(default)]
pub struct RuleForm {
    #[serde(flatten)]
    pub draft: RuleDraft,
    /// The local rule file the entry goes into (created when it does not exist).
    pub file: String,
    /// "preview" shows the entry without saving.
    pub intent: String,
}

fn file_name_ok(name: &str) -> bool {
    name.ends_with(".toml") && name.len() <= 80 && name.len() > 5 && name.bytes().all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b)) && !name.starts_with('.')
}

fn render(ctx: &Ctx, f: &RuleForm, problems: &[String], preview: Option<&str>) -> Markup {
    let lang = ctx.lang;
    let d = &f.draft;
    let text = |name: &str, label: &str, value: &str, required: bool| html! {
        label { (label) input type="text" name=(name) value=(value) required[required]; }
    };
    let row = |n: usize, fact: &str, op: &str, value: &str| html! {
        div.condition-row data-row=(n) {
            label { (lang.pick("事实", "Fact"))
                select name=(format!("fact{n}")) {
                    option value="" { "—" }
                    @for (code, ty, zh, en) in FACTS {
                        option value=(code) selected[*code == fact] data-type=(match ty { FactType::Bool => "bool", FactType::Text => "text", _ => "number" }) { (lang.pick(zh, en)) " (" (code) ")" }
                    }
                }
            }
            label { (lang.pick("运算", "Operator"))
                select name=(format!("op{n}")) {
                    @for (code, zh, en) in OPERATORS { option value=(code) selected[*code == op] { (lang.pick(zh, en)) } }
                }
            }
            label { (lang.pick("值(是/否类不填)", "Value (none for yes/no facts)")) input type="text" name=(format!("value{n}")) value=(value); }
        }
    };
    let body = html! {
        @if !problems.is_empty() {
            div.panel #rule-form-problems {
                h2.bad { (lang.pick("未保存,请修改以下各项:", "Not saved; please correct:")) }
                ul { @for p in problems { li { (p) } } }
            }
        }
        @if let Some(t) = preview {
            div.panel #rule-preview {
                h2 { (lang.pick("将写入规则目录的条目", "The catalogue entry this form writes")) }
                pre { (t) }
            }
        }
        form.panel.rule-form method="post" action="/rules/new" #rule-form {
            (layout::csrf_field(ctx))
            fieldset {
                legend { (lang.pick("规则", "Rule")) }
                div.filters {
                    (text("id", lang.pick("规则编号(小写字母、数字、连字符)", "Rule id (lowercase, digits, hyphens)"), &d.id, true))
                    (text("title_zh", lang.pick("中文标题", "Chinese title"), &d.title_zh, true))
                    (text("title_en", lang.pick("英文标题", "English title"), &d.title_en, true))
                    label { (lang.pick("维度", "Dimension")) select name="dimension" required {
                        option value="" { "—" }
                        @for x in DIMENSIONS { option value=(x) selected[*x == d.dimension] { (dimension_label(x, ctx.lang)) } } } }
                    (text("jurisdiction", lang.pick("适用区划代码(地方规则)", "Jurisdiction (division code)"), &d.jurisdiction, false))
                    (text("industries", lang.pick("适用行业代码(空格分隔,空=全部)", "Industry codes (blank: all)"), &d.industries, false))
                    (text("equipment_kinds", lang.pick("适用设备类型(空格分隔,空=企业级)", "Equipment kinds (blank: enterprise-level)"), &d.equipment_kinds, false))
                }
            }
            fieldset #rule-condition {
                legend { (lang.pick("条件", "Condition")) }
                label { (lang.pick("各行之间", "Rows combine as")) " " select name="joiner" {
                    option value="all" selected[d.joiner != "any"] { (lang.pick("全部满足", "all hold")) }
                    option value="any" selected[d.joiner == "any"] { (lang.pick("任一满足", "any holds")) } } }
                (row(1, &d.fact1, &d.op1, &d.value1))
                (row(2, &d.fact2, &d.op2, &d.value2))
                (row(3, &d.fact3, &d.op3, &d.value3))
                p.muted.small { (lang.pick("设备规模按该类设备的单位填写(见 data/equipment-kinds.csv);文字值不加引号。",
                    "Capacity is in the equipment kind's unit (data/equipment-kinds.csv); text values without quotes.")) }
            }
            fieldset {
                legend { (lang.pick("处置", "Outcome")) }
                div.filters {
                    label { (lang.pick("处置方式", "Outcome")) select name="outcome" required {
                        option value="" { "—" }
                        @for o in OUTCOMES { option value=(o) selected[*o == d.outcome] { (outcome_label(o, ctx.lang)) } } } }
                    label { (lang.pick("期限(仅限期淘汰)", "Deadline (eliminate_by only)")) input type="date" name="deadline" value=(d.deadline); }
                    (text("explain_zh", lang.pick("说明(可用 {事实} 占位,空则自动生成)", "Explanation ({fact} placeholders; blank: generated)"), &d.explain_zh, false))
                }
            }
            fieldset {
                legend { (lang.pick("依据", "Basis")) }
                div.filters {
                    (text("document", lang.pick("文件名称", "Document"), &d.document, true))
                    (text("issuer", lang.pick("发布机关及文号", "Issuer and number"), &d.issuer, true))
                    (text("clause", lang.pick("条款", "Clause"), &d.clause, true))
                    (text("version", lang.pick("版本", "Version"), &d.version, false))
                    label { (lang.pick("施行日期", "Effective")) input type="date" name="effective" value=(d.effective); }
                    label { (lang.pick("核实状态", "Checked")) select name="status" required {
                        option value="" { "—" }
                        option value="verified" selected[d.status == "verified"] { (lang.pick("已核对原文", "checked against the text")) }
                        option value="unverified" selected[d.status == "unverified"] { (lang.pick("未核实", "not checked")) } } }
                    (text("source", lang.pick("核实情况与出处(如何核对、未核对的原因)", "How it was checked (source), or why not"), &d.source, true))
                }
                label.wide { (lang.pick("原文摘录", "Quote")) textarea name="quote" rows="3" { (d.quote) } }
            }
            div.filters {
                label { (lang.pick("写入规则文件", "Rule file")) input type="text" name="file" value=(f.file) required pattern="[A-Za-z0-9._-]+\\.toml" placeholder="local-612000.toml"; }
                button.secondary type="submit" name="intent" value="preview" #rule-preview-button { (lang.pick("预览条目", "Preview the entry")) }
                button type="submit" name="intent" value="save" #rule-save-button { (lang.pick("校验并保存为新版本", "Check and save as a new version")) }
            }
            p.muted.small { (lang.pick("保存时自动生成一个触发和一个不触发的示例,整个规则目录重新校验,有误则不生效。熟悉格式的用户仍可在规则目录页直接编辑 TOML 文件。",
                "Saving adds one example that triggers the rule and one that does not, and checks the whole catalogue; nothing changes if it fails. Experts can still edit the TOML files on the catalogue page.")) }
        }
    };
    layout::page(ctx, Section::Screening, lang.pick("新增地方规则", "New local rule"), body)
}

pub async fn form(ctx: Ctx, viewer: Viewer) -> Markup {
    let home = viewer.scope.home_division().map(|c| c.to_string()).unwrap_or_default();
    let f = RuleForm {
        draft: RuleDraft { jurisdiction: home.clone(), joiner: "all".into(), ..Default::default() },
        file: if home.is_empty() { "local.toml".into() } else { format!("local-{home}.toml") },
        intent: String::new(),
    };
    render(&ctx, &f, &[], None)
}

pub async fn submit(state: State, ctx: Ctx, viewer: Viewer, Form(f): Form<RuleForm>) -> crate::Result<Response> {
    let mut problems = Vec::new();
    let file = f.file.trim().to_string();
    if !file_name_ok(&file) {
        problems.push(ctx.lang.pick("规则文件名须为字母、数字、点、连字符,以 .toml 结尾", "the rule file name: letters, digits, dots, hyphens, ending in .toml").to_string());
    }
    let entry = match f.draft.to_toml() {
        Ok(t) => Some(t),
        Err(p) => {
            problems.extend(p);
            None
        }
    };
    let (Some(entry), true) = (entry, problems.is_empty()) else {
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&ctx, &f, &problems, None)).into_response());
    };
    if f.intent == "preview" {
        return Ok(render(&ctx, &f, &[], Some(entry.as_str())).into_response());
    }
    let in_force = rules::in_force(&state.db).await?;
    let existing = in_force.files.iter().find(|(n, _)| *n == file).map(|(_, t)| t.clone());
    let text = match existing {
        Some(t) => format!("{}\n{}", t.trim_end(), entry),
        None => format!("# 地方规则 / local rules, written by the rule form\n{entry}"),
    };
    let note = format!("{} {}", ctx.lang.pick("表单新增规则", "rule added by form:"), f.draft.id.trim());
    match rules::save_file(&state.db, &viewer.actor(), &viewer.scope, &file, &text, &note).await {
        Ok(_) => Ok(Redirect::to("/rules").into_response()),
        Err(crate::Error::Invalid(p)) => {
            let problems: Vec<String> = p.render(ctx.lang).lines().map(str::to_string).collect();
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&ctx, &f, &problems, Some(entry.as_str()))).into_response())
        }
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn file_names() {
        for ok in ["local.toml", "local-612000.toml"] {
            assert!(super::file_name_ok(ok), "{ok}");
        }
        for bad in ["../x.toml", ".toml", "a b.toml", "x.txt", "局.toml"] {
            assert!(!super::file_name_ok(bad), "{bad}");
        }
    }
}
