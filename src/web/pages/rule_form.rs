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
use crate::i18n::catalogue as cat;

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
            label { (lang.label(cat::rules::fact()))
                select name=(format!("fact{n}")) {
                    option value="" { "—" }
                    @for (code, ty, zh, en) in FACTS {
                        option value=(code) selected[*code == fact] data-type=(match ty { FactType::Bool => "bool", FactType::Text => "text", _ => "number" }) { (lang.pick(zh, en)) " (" (code) ")" }
                    }
                }
            }
            label { (lang.label(cat::rules::operator()))
                select name=(format!("op{n}")) {
                    @for (code, zh, en) in OPERATORS { option value=(code) selected[*code == op] { (lang.pick(zh, en)) } }
                }
            }
            label { (lang.label(cat::rules::value_none_for_yes_no_facts())) input type="text" name=(format!("value{n}")) value=(value); }
        }
    };
    let body = html! {
        @if !problems.is_empty() {
            div.panel #rule-form-problems {
                h2.bad { (lang.label(cat::rules::not_saved_please_correct())) }
                ul { @for p in problems { li { (p) } } }
            }
        }
        @if let Some(t) = preview {
            div.panel #rule-preview {
                h2 { (lang.label(cat::rules::the_catalogue_entry_this_form_writes())) }
                pre { (t) }
            }
        }
        form.panel.rule-form method="post" action="/rules/new" #rule-form {
            (layout::csrf_field(ctx))
            fieldset {
                legend { (lang.label(cat::common::rule())) }
                div.filters {
                    (text("id", lang.label(cat::rules::rule_id_lowercase_digits_hyphens()), &d.id, true))
                    (text("title_zh", lang.label(cat::rules::chinese_title()), &d.title_zh, true))
                    (text("title_en", lang.label(cat::rules::english_title()), &d.title_en, true))
                    label { (lang.label(cat::synergy::col_dimension())) select name="dimension" required {
                        option value="" { "—" }
                        @for x in DIMENSIONS { option value=(x) selected[*x == d.dimension] { (dimension_label(x, ctx.lang)) } } } }
                    (text("jurisdiction", lang.label(cat::rules::jurisdiction_division_code()), &d.jurisdiction, false))
                    (text("industries", lang.label(cat::rules::industry_codes_blank_all()), &d.industries, false))
                    (text("equipment_kinds", lang.label(cat::rules::equipment_kinds_blank_enterprise_level()), &d.equipment_kinds, false))
                }
            }
            fieldset #rule-condition {
                legend { (lang.label(cat::common::condition())) }
                label { (lang.label(cat::rules::rows_combine_as())) " " select name="joiner" {
                    option value="all" selected[d.joiner != "any"] { (lang.label(cat::rules::all_hold())) }
                    option value="any" selected[d.joiner == "any"] { (lang.label(cat::rules::any_holds())) } } }
                (row(1, &d.fact1, &d.op1, &d.value1))
                (row(2, &d.fact2, &d.op2, &d.value2))
                (row(3, &d.fact3, &d.op3, &d.value3))
                p.muted.small { (lang.label(cat::rules::capacity_is_in_the_equipment_kinds())) }
            }
            fieldset {
                legend { (lang.label(cat::common::outcome())) }
                div.filters {
                    label { (lang.label(cat::rules::outcome())) select name="outcome" required {
                        option value="" { "—" }
                        @for o in OUTCOMES { option value=(o) selected[*o == d.outcome] { (outcome_label(o, ctx.lang)) } } } }
                    label { (lang.label(cat::rules::deadline_eliminate_by_only())) input type="date" name="deadline" value=(d.deadline); }
                    (text("explain_zh", lang.pick("说明(可用 {事实} 占位,空则自动生成)", "Explanation ({fact} placeholders; blank: generated)"), &d.explain_zh, false))
                }
            }
            fieldset {
                legend { (lang.label(cat::common::basis())) }
                div.filters {
                    (text("document", lang.label(cat::rules::document()), &d.document, true))
                    (text("issuer", lang.label(cat::rules::issuer_and_number()), &d.issuer, true))
                    (text("clause", lang.label(cat::rules::clause()), &d.clause, true))
                    (text("version", lang.label(cat::rules::version()), &d.version, false))
                    label { (lang.label(cat::rules::effective())) input type="date" name="effective" value=(d.effective); }
                    label { (lang.label(cat::rules::checked())) select name="status" required {
                        option value="" { "—" }
                        option value="verified" selected[d.status == "verified"] { (lang.label(cat::rules::checked_against_the_text())) }
                        option value="unverified" selected[d.status == "unverified"] { (lang.label(cat::rules::not_checked())) } } }
                    (text("source", lang.label(cat::rules::how_it_was_checked_source_or()), &d.source, true))
                }
                label.wide { (lang.label(cat::rules::quote())) textarea name="quote" rows="3" { (d.quote) } }
            }
            div.filters {
                label { (lang.label(cat::rules::rule_file())) input type="text" name="file" value=(f.file) required pattern="[A-Za-z0-9._-]+\\.toml" placeholder="local-612000.toml"; }
                button.secondary type="submit" name="intent" value="preview" #rule-preview-button { (lang.label(cat::rules::preview_the_entry())) }
                button type="submit" name="intent" value="save" #rule-save-button { (lang.label(cat::rules::check_and_save_as_a_new())) }
            }
            p.muted.small { (lang.label(cat::rules::saving_adds_one_example_that_triggers())) }
        }
    };
    layout::page(ctx, Section::Screening, lang.label(cat::rules::new_local_rule()), body)
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
        problems.push(ctx.lang.label(cat::rules::the_rule_file_name_letters_digits()).to_string());
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
    let note = format!("{} {}", ctx.lang.label(cat::rules::rule_added_by_form()), f.draft.id.trim());
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
