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

pub async fn page(state: State, ctx: Ctx, viewer: Viewer) -> crate::Result<Markup> {
    let in_force = rules::in_force(&state.db).await?;
    let versions = rules::versions(&state.db).await?;
    let can_edit = viewer.can(Permission::EditCatalogue);
    let c = &in_force.catalogue;
    let verified = c.rules.iter().filter(|r| r.citation.status == "verified").count();
    let body = html! {
        div.panel {
            p #catalogue-summary { "现行版本 " code { (c.version) } ":规则 " (c.rules.len()) " 条(已核实依据 " (verified) " 条),已停用 " (c.retired) " 条,示例 " (c.examples_run) " 个全部通过。" }
        }
        div.panel { div.table-wrap { table #rules {
            thead { tr { th { "规则" } th { "维度" } th { "行业" } th { "设备" } th { "条件" } th { "处置" } th { "依据" } th { "文件" } @if can_edit { th {} } } }
            tbody { @for r in &c.rules { tr data-rule=(r.id) {
                td { code { (r.id) } br; (r.title_zh) @if let Some(j) = &r.jurisdiction { br; span.tag { "地方规则 " (j) } } }
                td { (dimension_label(&r.dimension)) }
                td.small { (r.industries.join(" ")) }
                td.small { (r.equipment_kinds.join(" ")) }
                td { code.small { (r.condition) } }
                td { (outcome_label(&r.outcome)) }
                td.small { (r.citation.document) " " (r.citation.clause) " "
                    @if r.citation.status == "verified" { span.tag.ok { "已核实" } } @else { span.tag { "未核实" } } }
                td.small { @if can_edit { a href=(format!("/rules/files/{}", r.file)) { (r.file) } } @else { (r.file) } }
                // Only the rules of the editor's jurisdiction can be retired by it (storage::rules checks).
                @if can_edit { td { @if crate::screening::edits::editor_admits(&viewer.scope, r.jurisdiction.as_deref()) { form.inline method="post" action=(format!("/rules/{}/retire", r.id)) {
                    (layout::csrf_field(&ctx)) button.link type="submit" { "停用" } } } } }
            } } }
        } } }
        @if can_edit {
            div.panel {
                h2 { "新增地方规则" }
                p { a.button #new-rule-form href="/rules/new" { "用表单新增一条地方规则" } " " span.muted { "(标题、条件、处置、依据逐项填写,自动生成示例)" } }
                h2 { "新增地方规则文件(TOML,供熟悉格式的用户)" }
                p.muted { "格式见 data/rules/README.md;每条规则须有依据(文件、条款、核实状态)和触发/不触发示例,保存时整体校验,有误则不生效。" }
                form method="post" action="/rules/files" #new-rule-file {
                    (layout::csrf_field(&ctx))
                    p { label { "文件名(如 local-612000.toml)" br; input type="text" name="name" required pattern="[A-Za-z0-9._-]+\\.toml"; } }
                    p { label { "内容" br; textarea name="text" rows="14" cols="100" required {} } }
                    p { label { "修改说明" br; input type="text" name="note"; } }
                    button type="submit" { "校验并保存为新版本" }
                }
            }
        }
        div.panel {
            h2 { "历史版本" }
            div.table-wrap { table #versions {
                thead { tr { th.num { "#" } th { "版本" } th.num { "规则数" } th { "说明" } th { "操作人" } th { "时间" } } }
                tbody { @for v in &versions { tr {
                    td.num { (v.id) } td { code { (v.version) } } td.num { (v.rules) } td { (v.note) } td { (v.actor) } td { (crate::storage::display_time(&v.created_at)) }
                } } }
            } }
        }
    };
    Ok(layout::page(&ctx, Section::Screening, "筛查规则目录", body))
}

fn editor(ctx: &Ctx, name: &str, text: &str, problems: Option<&str>) -> Markup {
    let body = html! {
        @if let Some(p) = problems { div.panel { h2.bad { "未保存:规则目录校验未通过,现行版本不变" } pre #rule-errors { (p) } } }
        div.panel {
            form method="post" action="/rules/files" #edit-rule-file {
                (layout::csrf_field(ctx))
                input type="hidden" name="name" value=(name);
                p { textarea name="text" rows="30" cols="110" { (text) } }
                p { label { "修改说明" br; input type="text" name="note"; } }
                button type="submit" { "校验并保存为新版本" }
            }
        }
    };
    layout::page(ctx, Section::Screening, &format!("编辑规则文件 {name}"), body)
}

pub async fn edit(state: State, ctx: Ctx, Path(name): Path<String>) -> crate::Result<Markup> {
    let in_force = rules::in_force(&state.db).await?;
    let text = in_force.files.iter().find(|(n, _)| *n == name).map(|(_, t)| t.clone()).ok_or_else(|| crate::Error::NotFound(crate::i18n::untranslated(format!("rule file {name}"))))?;
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
