//! The page's entry point when Trunk builds it: it only mounts the library.

fn main() {
    openrouter_admin_web::mount_to_page();
}
