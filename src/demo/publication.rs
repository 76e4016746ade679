//! The demo city's map base (its fictional district boundaries) and the notice of its public
//! lists. Loaded by `serve --demo` and `lantian demo` when the database has none yet.

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
    Ok(())
}
