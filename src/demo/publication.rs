//! The demo city's map base (its fictional district boundaries) and the notice of its public
//! lists, and published samples of each list (`publish_samples`). Loaded by `serve --demo` and
//! `lantian demo` when the database has none yet.

use crate::screening::publication::Publication;
use crate::storage::audit::Actor;
use crate::storage::Db;

pub async fn load_if_none(db: &Db) -> crate::Result<()> {
    crate::storage::map::load_demo_if_none(db).await?;
    let settings = crate::storage::settings::all(db).await?;
    if settings.keys().any(|k| k.starts_with("publication.")) {
        return Ok(());
    }
    // The period runs from today for ten days so that the demo shows an open publication;
    // a real bureau sets its own period (`lantian publication set`).
    let today = time::OffsetDateTime::now_utc().date();
    let notice = Publication {
        issuer: format!("{}工业和信息化局(示范城市,虚构)", super::CITY_NAME),
        from: Some(today),
        to: today.checked_add(time::Duration::days(9)),
        objection: format!("书面材料寄送或当面递交{}工业和信息化局产业发展科(示范城市,虚构,无真实地址和电话)", super::CITY_NAME),
    };
    crate::storage::settings::set(db, &Actor::system(), &notice.settings()).await?;
    publish_samples(db).await?;
    Ok(())
}

/// Publish about half of each list's eligible items (every other one, at most 40), so that the
/// portal shows published items and the publication page unpublished ones beside them. Lists
/// that already have decisions are left alone (a restart changes nothing). Returns how many
/// items were published.
pub async fn publish_samples(db: &Db) -> crate::Result<usize> {
    use crate::screening::publication::PublicList;
    use crate::storage::publication as store;
    let actor = Actor { name: "demo".into(), role: "system".into(), ip: String::new() };
    let mut n = 0;
    for list in [PublicList::Rectification, PublicList::Campaign, PublicList::Exceedance] {
        let decided: i64 = sqlx::query_scalar("SELECT CAST(COUNT(*) AS BIGINT) FROM publication_items WHERE list_code = $1").bind(list.code()).fetch_one(&db.pool).await?;
        if decided > 0 {
            continue;
        }
        let (items, _) = store::staff_items(db, &crate::auth::Scope::All, list, &store::Query { limit: 80, ..Default::default() }).await?;
        for it in items.iter().step_by(2) {
            store::decide(db, &actor, &crate::auth::Scope::All, list, &it.key, true, "示范数据(虚构)").await?;
            n += 1;
        }
    }
    Ok(n)
}
