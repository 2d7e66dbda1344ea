//! Embeds the built site (WebAssembly, CSS, scripts, fonts) into the
//! binary when `KHEO_EMBED_SITE` names its folder, as `scripts/package.sh`
//! does: the organiser's laptop then runs one file. Without it the list is
//! empty and the files are read from `LEPTOS_SITE_ROOT` as in development.

use std::path::{Path, PathBuf};

fn main() {
    println!("cargo:rerun-if-env-changed=KHEO_EMBED_SITE");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("site.rs");
    let mut files = Vec::new();
    if let Ok(root) = std::env::var("KHEO_EMBED_SITE")
        && !root.is_empty()
    {
        let root = std::fs::canonicalize(&root).unwrap_or_else(|e| panic!("KHEO_EMBED_SITE={root}: {e}"));
        println!("cargo:rerun-if-changed={}", root.display());
        walk(&root, &root, &mut files);
        assert!(
            files.iter().any(|(name, _)| name.ends_with(".wasm")),
            "KHEO_EMBED_SITE={} holds no .wasm: build the site first (cargo leptos build --release)",
            root.display()
        );
    }
    files.sort();
    let mut code = String::from(
        "/// The site's files: path under the site root, and bytes.\npub static SITE: &[(&str, &[u8])] = &[\n",
    );
    for (name, path) in &files {
        code.push_str(&format!("    ({name:?}, include_bytes!({:?})),\n", path.display().to_string()));
    }
    code.push_str("];\n");
    std::fs::write(out, code).expect("OUT_DIR is writable");
}

fn walk(root: &Path, dir: &Path, files: &mut Vec<(String, PathBuf)>) {
    for entry in std::fs::read_dir(dir).expect("the site folder is readable").flatten() {
        let path = entry.path();
        println!("cargo:rerun-if-changed={}", path.display());
        if path.is_dir() {
            walk(root, &path, files);
        } else {
            let name = path.strip_prefix(root).expect("under the root").to_string_lossy().replace('\\', "/");
            // TypeScript declarations serve no browser.
            if !name.contains(".d.ts") {
                files.push((name, path));
            }
        }
    }
}
