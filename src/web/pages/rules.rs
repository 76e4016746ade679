//! The rule catalogue in force, its versions, and editing it: a file at a time, each
//! save checked in full (a refused edit changes nothing), or retiring a rule.

use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use maud::{html, Markup};
use serde::Deserialize;

use super::layout::{self, Section};
use super::screening::{dimension_label, outcome_label};
use crate::auth::{Permission, Viewer};
use crate::storage::rules;
use crate::web::auth::Ctx;
use crate::web::State;
use crate::i18n::Lang;
use crate::i18n::catalogue as cat;

pub async fn page(state: State, ctx: Ctx, viewer: Viewer) -> crate::Result<Markup> {
    let in_force = rules::in_force(&state.db).await?;
    let versions = rules::versions(&state.db).await?;
    let can_edit = viewer.can(Permission::EditCatalogue);
    let c = &in_force.catalogue;
    let verified = c.rules.iter().filter(|r| r.citation.status == "verified").count();
    let lang = ctx.lang;
    let zh = lang == Lang::Zh;
    let body = html! {
        div.panel {
            p #catalogue-summary { @if zh { "现行版本 " code data-v { (c.version) } ":规则 " (c.rules.len()) " 条(已核实依据 " (verified) " 条),已停用 " (c.retired) " 条,示例 " (c.examples_run) " 个全部通过。" }
                @else { "Version in force " code data-v { (c.version) } ": " (c.rules.len()) " rules (" (verified) " with a verified basis), " (c.retired) " retired, all " (c.examples_run) " examples pass." } }
        }
        div.panel { div.table-wrap { table #rules {
            thead { tr { th { (lang.label(cat::common::rule())) } th { (lang.label(cat::synergy::col_dimension())) } th { (lang.label(cat::rules::industries())) } th { (lang.label(cat::inventory::col_equipment())) } th { (lang.label(cat::common::condition())) } th { (lang.label(cat::common::outcome())) } th { (lang.label(cat::common::basis())) } th { (lang.label(cat::rules::file())) } @if can_edit { th {} } } }
            tbody { @for r in &c.rules { tr data-rule=(r.id) {
                td { span.v { code { (r.id) } br; (if zh || r.title_en.is_empty() { &r.title_zh } else { &r.title_en }) } @if let Some(j) = &r.jurisdiction { br; span.tag { (lang.label(cat::rules::local_rule())) span.v { (j) } } } }
                td { (dimension_label(&r.dimension, lang)) }
                td.small data-v { (r.industries.join(" ")) }
                td.small { (r.equipment_kinds.iter().map(|k| crate::ledger::codes::EQUIPMENT_KINDS.name(k, lang)).collect::<Vec<_>>().join(lang.label(cat::common::list_separator()))) }
                td { code.small data-v { (r.condition) } }
                td { (outcome_label(&r.outcome, lang)) }
                td.small { span.v { (r.citation.document) " " (r.citation.clause) } " "
                    @if r.citation.status == "verified" { span.tag.ok { (lang.label(cat::inventory::status_verified())) } } @else { span.tag { (lang.label(cat::screening::unverified())) } } }
                td.small data-v { @if can_edit { a href=(format!("/rules/files/{}", r.file)) { (r.file) } } @else { (r.file) } }
                // Only the rules of the editor's jurisdiction can be retired by it (storage::rules checks).
                @if can_edit { td { @if crate::screening::edits::editor_admits(&viewer.scope, r.jurisdiction.as_deref()) { form.inline method="post" action=(format!("/rules/{}/retire", r.id)) {
                    (layout::csrf_field(&ctx)) button.link type="submit" { (lang.label(cat::rules::retire())) } } } } }
            } } }
        } } }
        @if can_edit {
            div.panel {
                h2 { (lang.label(cat::rules::add_a_local_rule())) }
                p { a.button #new-rule-form href="/rules/new" { (lang.label(cat::rules::add_a_local_rule_with_the())) } " " span.muted { (lang.label(cat::rules::title_condition_outcome_and_basis_field())) } }
                h2 { (lang.label(cat::rules::add_a_local_rule_file_toml())) }
                p.muted { (lang.label(cat::rules::the_format_is_described_in_data())) }
                form method="post" action="/rules/files" #new-rule-file {
                    (layout::csrf_field(&ctx))
                    p { label { (lang.label(cat::rules::file_name_e_g_local_612000())) br; input type="text" name="name" required pattern="[A-Za-z0-9._-]+\\.toml"; } }
                    p { label { (lang.label(cat::rules::content())) br; textarea name="text" rows="14" cols="100" required {} } }
                    p { label { (lang.label(cat::rules::note_on_the_change())) br; input type="text" name="note"; } }
                    button type="submit" { (lang.label(cat::rules::check_and_save_as_a_new())) }
                }
            }
        }
        div.panel {
            h2 { (lang.label(cat::rules::versions())) }
            div.table-wrap { table #versions {
                thead { tr { th.num { "#" } th { (lang.label(cat::rules::version())) } th.num { (lang.label(cat::rules::rules())) } th { (lang.label(cat::rules::note())) } th { (lang.label(cat::rules::by())) } th { (lang.label(cat::common::time())) } } }
                tbody { @for v in &versions { tr {
                    td.num { (v.id) } td { code data-v { (v.version) } } td.num { (v.rules) } td data-v { (v.note) } td data-v { (v.actor) } td data-v { (crate::storage::display_time(&v.created_at)) }
                } } }
            } }
        }
    };
    Ok(layout::page(&ctx, Section::Screening, lang.label(cat::rules::screening_rule_catalogue()), body))
}

fn editor(ctx: &Ctx, name: &str, text: &str, problems: Option<&str>) -> Markup {
    let lang = ctx.lang;
    let body = html! {
        @if let Some(p) = problems { div.panel { h2.bad { (lang.label(cat::rules::not_saved_the_catalogue_did_not())) } pre #rule-errors { (p) } } }
        div.panel {
            form method="post" action="/rules/files" #edit-rule-file {
                (layout::csrf_field(ctx))
                input type="hidden" name="name" value=(name);
                p { textarea name="text" rows="30" cols="110" { (text) } }
                p { label { (lang.label(cat::rules::note_on_the_change())) br; input type="text" name="note"; } }
                button type="submit" { (lang.label(cat::rules::check_and_save_as_a_new())) }
            }
        }
    };
    let title = match lang {
        Lang::Zh => format!("编辑规则文件 {name}"),
        Lang::En => format!("Edit rule file {name}"),
    };
    layout::page(ctx, Section::Screening, &title, body)
}

pub async fn edit(state: State, ctx: Ctx, Path(name): Path<String>) -> crate::Result<Markup> {
    let in_force = rules::in_force(&state.db).await?;
    let text = in_force.files.iter().find(|(n, _)| *n == name).map(|(_, t)| t.clone()).ok_or_else(|| crate::Error::NotFound(crate::i18n::catalogue::rules::file_not_found(&name)))?;
    Ok(editor(&ctx, &name, &text, None))
}

#[derive(Deserialize)]
pub struct FileForm {
    pub name: String,
    pub text: String,
    #[serde(default)]
    pub note: String,
}

pub async fn save(state: State, ctx: Ctx, viewer: Viewer, Form(f): Form<FileForm>) -> crate::Result<Response> {
    let note = if f.note.trim().is_empty() { format!("edited {}", f.name) } else { f.note.trim().to_string() };
    match rules::save_file(&state.db, &viewer.actor(), &viewer.scope, f.name.trim(), &f.text, &note).await {
        Ok(_) => Ok(Redirect::to("/rules").into_response()),
        Err(crate::Error::Invalid(problems)) => Ok((StatusCode::UNPROCESSABLE_ENTITY, editor(&ctx, f.name.trim(), &f.text, Some(&problems.render(ctx.lang)))).into_response()),
        Err(e) => Err(e),
    }
}

pub async fn retire(state: State, viewer: Viewer, Path(id): Path<String>) -> crate::Result<Response> {
    let today = crate::storage::cases::format_day(time::OffsetDateTime::now_utc().date());
    rules::retire(&state.db, &viewer.actor(), &viewer.scope, &id, &today).await?;
    Ok(Redirect::to("/rules").into_response())
}
