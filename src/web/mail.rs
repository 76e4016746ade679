//! The outgoing e-mail gateway of officer notices (new complaint, overdue stage): a pluggable
//! setting, off by default. It is on when the operator sets `notify.smtp` (host:port of an SMTP
//! relay on the intranet), `notify.mail_from` and `notify.mail_to` (`lantian publication set`
//! style settings, audited); a plain SMTP session (RFC 5321: EHLO, MAIL, RCPT, DATA) with a
//! UTF-8 base64 body. Every notice stays in the on-site inbox whatever the gateway does.

use base64::Engine;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::storage::Db;

pub const SMTP: &str = "notify.smtp";
pub const FROM: &str = "notify.mail_from";
pub const TO: &str = "notify.mail_to";

static SENDING: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// Send the notices not yet mailed, when the gateway is configured. Returns how many were sent.
pub async fn send_pending(db: &Db) -> Result<usize> {
    let _one_at_a_time = SENDING.lock().await;
    let settings = crate::storage::settings::all(db).await?;
    let (Some(server), Some(from), Some(to)) = (settings.get(SMTP), settings.get(FROM), settings.get(TO)) else { return Ok(0) };
    let pending = crate::storage::complaints::unmailed(db, 100).await?;
    if pending.is_empty() {
        return Ok(0);
    }
    let messages: Vec<(String, String)> = pending
        .iter()
        .map(|(_, division, bureau, msg)| (Lang::Zh.t(msg), format!("{}\r\n{}\r\n\r\n{} / {}", Lang::Zh.t(msg), Lang::En.t(msg), division, bureau)))
        .collect();
    send(server, from, to, &messages).await?;
    crate::storage::complaints::mark_mailed(db, &pending.iter().map(|p| p.0).collect::<Vec<_>>()).await?;
    Ok(pending.len())
}

async fn expect(reader: &mut BufReader<tokio::net::tcp::OwnedReadHalf>, code: &str) -> Result<()> {
    loop {
        let mut line = String::new();
        let n = tokio::time::timeout(std::time::Duration::from_secs(30), reader.read_line(&mut line)).await.map_err(|_| Error::other("SMTP: no answer in 30 s"))??;
        if n == 0 {
            return Err(Error::other("SMTP: the server closed the connection"));
        }
        if !line.starts_with(code) {
            return Err(Error::other(format!("SMTP: expected {code}, got {}", line.trim_end())));
        }
        // "250-…" continues, "250 …" ends the reply.
        if line.as_bytes().get(3) != Some(&b'-') {
            return Ok(());
        }
    }
}

/// One SMTP session delivering each (subject, body) as its own message.
pub async fn send(server: &str, from: &str, to: &str, messages: &[(String, String)]) -> Result<()> {
    let clean = |s: &str| s.chars().filter(|c| !c.is_control()).collect::<String>();
    let (from, to) = (clean(from), clean(to));
    let stream = tokio::time::timeout(std::time::Duration::from_secs(10), TcpStream::connect(server)).await.map_err(|_| Error::other(format!("SMTP: cannot reach {server}")))??;
    let (read, mut write) = stream.into_split();
    let mut reader = BufReader::new(read);
    expect(&mut reader, "220").await?;
    write.write_all(b"EHLO lantian\r\n").await?;
    expect(&mut reader, "250").await?;
    for (subject, body) in messages {
        write.write_all(format!("MAIL FROM:<{from}>\r\n").as_bytes()).await?;
        expect(&mut reader, "250").await?;
        write.write_all(format!("RCPT TO:<{to}>\r\n").as_bytes()).await?;
        expect(&mut reader, "250").await?;
        write.write_all(b"DATA\r\n").await?;
        expect(&mut reader, "354").await?;
        let b64 = base64::engine::general_purpose::STANDARD;
        let encoded = b64.encode(body.as_bytes());
        let lines: Vec<&str> = encoded.as_bytes().chunks(76).map(|c| std::str::from_utf8(c).unwrap_or("")).collect();
        let date = time::OffsetDateTime::now_utc().format(&time::format_description::well_known::Rfc2822).unwrap_or_default();
        let data = format!(
            "From: <{from}>\r\nTo: <{to}>\r\nDate: {date}\r\nSubject: =?UTF-8?B?{}?=\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n{}\r\n.\r\n",
            b64.encode(clean(subject).as_bytes()),
            lines.join("\r\n")
        );
        write.write_all(data.as_bytes()).await?;
        expect(&mut reader, "250").await?;
    }
    write.write_all(b"QUIT\r\n").await?;
    let _ = expect(&mut reader, "221").await;
    Ok(())
}
