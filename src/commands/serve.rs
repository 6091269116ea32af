//! `usermgr serve`: checks the options, then runs [`crate::serve`] until SIGTERM.

use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, ValueHint};

use crate::contract::ServeJson;
use crate::ctx::Ctx;
use crate::domain::duration::parse_duration;
use crate::error::{Error, Result};
use crate::serve::{
    check_listen, connection_limit, serve, store_limit, ServeConfig, QUEUE_PER_WORKER,
};

/// `usermgr serve` (its options live beside it to keep src/cli.rs a size a reader can hold)
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address and port to listen on (port 0 picks a free one; the bound address is printed)
    #[arg(long, value_name = "ADDR:PORT", default_value = "127.0.0.1:8080")]
    pub listen: String,
    /// TLS certificate chain (PEM); needs --tls-key
    #[arg(long, value_name = "FILE", requires = "tls_key", value_hint = ValueHint::FilePath)]
    pub tls_cert: Option<PathBuf>,
    /// TLS private key (PEM); needs --tls-cert
    #[arg(long, value_name = "FILE", requires = "tls_cert", value_hint = ValueHint::FilePath)]
    pub tls_key: Option<PathBuf>,
    /// Allow plain HTTP on an address other than loopback (only behind a TLS proxy)
    #[arg(long, conflicts_with = "tls_cert")]
    pub insecure_http: bool,
    /// How long a client may take to send a request's head or body, or stay idle on its
    /// connection, before the server closes it (5s, 1m)
    #[arg(long, value_name = "DURATION", default_value = "10s")]
    pub client_timeout: String,
}

/// A positive number from the environment variable `key`, or `default` when it is unset;
/// exit 3 naming the variable and what it counts (`what`) otherwise.
fn positive_env(ctx: &Ctx, key: &str, default: usize, what: &str) -> Result<usize> {
    match ctx.env.get(key) {
        None => Ok(default),
        Some(v) => v.parse().ok().filter(|n| *n > 0).ok_or_else(|| {
            Error::invalid(format!("{key}={v:?} is not a positive number of {what}"))
        }),
    }
}

/// Runs `serve`.
pub fn run(args: &ServeArgs, ctx: &mut Ctx) -> Result<()> {
    let tls = args.tls_cert.clone().zip(args.tls_key.clone());
    let listen = check_listen(&args.listen, tls.is_some(), args.insecure_http)?;
    let queue_per_worker = positive_env(
        ctx,
        "USERMGR_SERVE_QUEUE",
        QUEUE_PER_WORKER,
        "requests that may wait per hashing worker",
    )?;
    let client_timeout = match parse_duration(&args.client_timeout) {
        Ok(secs) if (1..=3600).contains(&secs) => Duration::from_secs(secs),
        _ => {
            return Err(Error::Usage(format!(
                "--client-timeout {:?} is not a duration from 1s to 1h, such as 10s or 1m",
                args.client_timeout
            )))
        }
    };
    // Raises the open-files limit whether or not the number is set.
    let fitting = connection_limit(store_limit());
    let max_connections = positive_env(
        ctx,
        "USERMGR_SERVE_CONNECTIONS",
        fitting,
        "connections to hold at once",
    )?;
    let config = ServeConfig {
        listen,
        tls,
        db: ctx.db_spec()?,
        queue_per_worker,
        client_timeout,
        max_connections,
    };
    serve(config, |addr, tls| {
        let url = format!("{}://{addr}", if tls { "https" } else { "http" });
        // The bound address is the result (port 0 picks one); people read the rest.
        let printed = if ctx.out.is_json() {
            ctx.out.json(&ServeJson {
                listening: addr.to_string(),
                url: url.clone(),
            })
        } else {
            ctx.out.line(&url)
        };
        if let Err(e) = printed {
            ctx.warn(format!("cannot print the address: {e}"));
        }
        ctx.say(format!(
            "Serving the pages and the API on {url} (stop with Ctrl-C or SIGTERM)."
        ));
    })?;
    ctx.say("Stopped: every request in flight was answered.");
    Ok(())
}
