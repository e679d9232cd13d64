//! `testdata/ok/` holds well-written Dockerfiles (multi-stage, BuildKit mounts, heredocs,
//! Windows), Compose files and Kubernetes manifests: with the default rules, none of them may
//! produce a finding at warning or above.
//! A new rule that fires here is either wrong or needs a better example file.

use std::path::Path;

use shiplint::discover;
use shiplint::{Settings, Severity, check_source};

#[test]
fn the_ok_set_stays_clean() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/ok");
    let (found, errors) = discover::walk(&[root]);
    assert!(errors.is_empty(), "{errors:?}");
    assert!(
        found.len() >= 5,
        "only {} files in testdata/ok",
        found.len()
    );

    let mut problems = Vec::new();
    for file in &found {
        let source = shiplint::input::read_source(&file.path, &file.display).unwrap();
        for d in check_source(&source, file.kind, &Settings::default()) {
            if d.severity >= Severity::Warning {
                let at = source.position(d.span.start);
                problems.push(format!(
                    "{}:{}:{}: {}[{}] {}",
                    file.display, at.line, at.column, d.severity, d.code, d.message
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
