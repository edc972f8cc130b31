//! `rapport`: see `rapport --help`.

use std::process::ExitCode;

use clap::Parser;
use rapport_api::cli::{Cli, Command};
use rapport_api::startup::{open_database, Application};

/// jemalloc instead of the C library's allocator: glibc kept what big uploads freed in its
/// per-thread arenas (six lists of a million left the server at 314 to 375 MiB); jemalloc gives
/// it back to the system after a few seconds (docs/benchmarks.md).
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

#[actix_web::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Err(error) = rapport_api::telemetry::init() {
        eprintln!("rapport: {error}");
        return ExitCode::FAILURE;
    }
    match run(cli.command).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("rapport: {error:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(command: Command) -> anyhow::Result<()> {
    match command {
        Command::Serve(settings) => {
            let app = Application::build((*settings).clone()).await?;
            tracing::info!(
                "Rapport is up at {} (API docs at /api/docs)",
                settings.public_url()
            );
            app.run_until_stopped().await?;
        }
        Command::Migrate(settings) => {
            open_database(&settings).await?;
        }
        Command::SeedNetwork(settings) => {
            let (pool, url) = open_database(&settings.database).await?;
            let db = rapport_api::db::Db::new(pool, &url)?;
            let started = std::time::Instant::now();
            let (seed, count) = (settings.seed, settings.creators);
            let stored = db
                .run(move |conn| {
                    rapport_api::network_seed::seed(
                        conn,
                        seed,
                        count,
                        chrono::Utc::now().naive_utc(),
                    )
                })
                .await
                .map_err(|e| anyhow::anyhow!("seeding failed: {e:?}"))?;
            println!(
                "{stored} creators added in {:.1} s",
                started.elapsed().as_secs_f64()
            );
        }
        Command::Backup(settings) => {
            let url = settings.database.database_url.clone();
            let target = settings.path.clone();
            let done = tokio::task::spawn_blocking(move || {
                rapport_api::operations::backup::backup(&url, &target)
            })
            .await??;
            println!(
                "{} copied to {} ({} bytes). Keep the data key with it (RAPPORT_DATA_KEY, or \
                 the data folder's data-key file): without it the copy's stored contacts match \
                 nobody and its sealed provider keys cannot be read.",
                done.source.display(),
                done.target.display(),
                done.bytes
            );
        }
        Command::Openapi => {
            println!(
                "{}",
                serde_json::to_string_pretty(&rapport_api::openapi::document())?
            );
        }
    }
    Ok(())
}
