//! `usermgr serve`: checks the options, then runs [`crate::serve`] until SIGTERM.

use crate::cli::ServeArgs;
use crate::contract::ServeJson;
use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::serve::{check_listen, serve, ServeConfig, QUEUE_PER_WORKER};

/// Runs `serve`.
pub fn run(args: &ServeArgs, ctx: &mut Ctx) -> Result<()> {
    let tls = args.tls_cert.clone().zip(args.tls_key.clone());
    let listen = check_listen(&args.listen, tls.is_some(), args.insecure_http)?;
    let queue_per_worker = match ctx.env.get("USERMGR_SERVE_QUEUE") {
        None => QUEUE_PER_WORKER,
        Some(v) => v.parse().ok().filter(|n| *n > 0).ok_or_else(|| {
            Error::invalid(format!(
                "USERMGR_SERVE_QUEUE={v:?} is not a positive number of requests that may wait per hashing worker"
            ))
        })?,
    };
    let config = ServeConfig {
        listen,
        tls,
        db: ctx.db_path()?,
        queue_per_worker,
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
