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
            thead { tr { th { (lang.pick("规则", "Rule")) } th { (lang.pick("维度", "Dimension")) } th { (lang.pick("行业", "Industries")) } th { (lang.pick("设备", "Equipment")) } th { (lang.pick("条件", "Condition")) } th { (lang.pick("处置", "Outcome")) } th { (lang.pick("依据", "Basis")) } th { (lang.pick("文件", "File")) } @if can_edit { th {} } } }
            tbody { @for r in &c.rules { tr data-rule=(r.id) {
                td { span.v { code { (r.id) } br; (if zh || r.title_en.is_empty() { &r.title_zh } else { &r.title_en }) } @if let Some(j) = &r.jurisdiction { br; span.tag { (lang.pick("地方规则 ", "local rule ")) span.v { (j) } } } }
                td { (dimension_label(&r.dimension, lang)) }
                td.small data-v { (r.industries.join(" ")) }
                td.small { (r.equipment_kinds.iter().map(|k| crate::ledger::codes::EQUIPMENT_KINDS.name(k, lang)).collect::<Vec<_>>().join(lang.pick("、", ", "))) }
                td { code.small data-v { (r.condition) } }
                td { (outcome_label(&r.outcome, lang)) }
                td.small { span.v { (r.citation.document) " " (r.citation.clause) } " "
                    @if r.citation.status == "verified" { span.tag.ok { (lang.pick("已核实", "verified")) } } @else { span.tag { (lang.pick("未核实", "not verified")) } } }
                td.small data-v { @if can_edit { a href=(format!("/rules/files/{}", r.file)) { (r.file) } } @else { (r.file) } }
                // Only the rules of the editor's jurisdiction can be retired by it (storage::rules checks).
                @if can_edit { td { @if crate::screening::edits::editor_admits(&viewer.scope, r.jurisdiction.as_deref()) { form.inline method="post" action=(format!("/rules/{}/retire", r.id)) {
                    (layout::csrf_field(&ctx)) button.link type="submit" { (lang.pick("停用", "Retire")) } } } } }
            } } }
        } } }
        @if can_edit {
            div.panel {
                h2 { (lang.pick("新增地方规则", "Add a local rule")) }
                p { a.button #new-rule-form href="/rules/new" { (lang.pick("用表单新增一条地方规则", "Add a local rule with the form")) } " " span.muted { (lang.pick("(标题、条件、处置、依据逐项填写,自动生成示例)", "(title, condition, outcome and basis field by field; examples generated)")) } }
                h2 { (lang.pick("新增地方规则文件(TOML,供熟悉格式的用户)", "Add a local rule file (TOML, for users who know the format)")) }
                p.muted { (lang.pick("格式见 data/rules/README.md;每条规则须有依据(文件、条款、核实状态)和触发/不触发示例,保存时整体校验,有误则不生效。",
                    "The format is described in data/rules/README.md; every rule needs a basis (document, clause, verification status) and examples that fire and do not; the whole catalogue is checked on saving and nothing takes effect if anything is wrong.")) }
                form method="post" action="/rules/files" #new-rule-file {
                    (layout::csrf_field(&ctx))
                    p { label { (lang.pick("文件名(如 local-612000.toml)", "File name (e.g. local-612000.toml)")) br; input type="text" name="name" required pattern="[A-Za-z0-9._-]+\\.toml"; } }
                    p { label { (lang.pick("内容", "Content")) br; textarea name="text" rows="14" cols="100" required {} } }
                    p { label { (lang.pick("修改说明", "Note on the change")) br; input type="text" name="note"; } }
                    button type="submit" { (lang.pick("校验并保存为新版本", "Check and save as a new version")) }
                }
            }
        }
        div.panel {
            h2 { (lang.pick("历史版本", "Versions")) }
            div.table-wrap { table #versions {
                thead { tr { th.num { "#" } th { (lang.pick("版本", "Version")) } th.num { (lang.pick("规则数", "Rules")) } th { (lang.pick("说明", "Note")) } th { (lang.pick("操作人", "By")) } th { (lang.pick("时间", "Time")) } } }
                tbody { @for v in &versions { tr {
                    td.num { (v.id) } td { code data-v { (v.version) } } td.num { (v.rules) } td data-v { (v.note) } td data-v { (v.actor) } td data-v { (crate::storage::display_time(&v.created_at)) }
                } } }
            } }
        }
    };
    Ok(layout::page(&ctx, Section::Screening, lang.pick("筛查规则目录", "Screening rule catalogue"), body))
}

fn editor(ctx: &Ctx, name: &str, text: &str, problems: Option<&str>) -> Markup {
    let lang = ctx.lang;
    let body = html! {
        @if let Some(p) = problems { div.panel { h2.bad { (lang.pick("未保存:规则目录校验未通过,现行版本不变", "Not saved: the catalogue did not pass its checks; the version in force is unchanged")) } pre #rule-errors { (p) } } }
        div.panel {
            form method="post" action="/rules/files" #edit-rule-file {
                (layout::csrf_field(ctx))
                input type="hidden" name="name" value=(name);
                p { textarea name="text" rows="30" cols="110" { (text) } }
                p { label { (lang.pick("修改说明", "Note on the change")) br; input type="text" name="note"; } }
                button type="submit" { (lang.pick("校验并保存为新版本", "Check and save as a new version")) }
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
