//! `rapport`: see `rapport --help`.

use std::process::ExitCode;

use clap::Parser;
use rapport_api::cli::{Cli, Command};
use rapport_api::startup::{open_database, Application};

#[actix_web::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    rapport_api::telemetry::init();
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
        Command::Openapi => {
            println!("{}", rapport_api::openapi::spec().to_pretty_json()?);
        }
    }
    Ok(())
}
