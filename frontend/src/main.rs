//! Entry point: installs the panic hook and mounts the app.

fn main() {
    rapport_web::start();
}
