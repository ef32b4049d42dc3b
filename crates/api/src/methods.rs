//! Which methods each `/api/v1` path takes, read from the OpenAPI document, so that a
//! request with another method (TRACE, PATCH, …) on a known path answers `405` with an
//! `Allow` header (RFC 9110 §15.5.6) instead of `404` — the document and the answer cannot
//! disagree, since both come from the same annotations.

use utoipa::openapi::OpenApi;

/// The document's path templates (`/api/v1/claims/{id}/proofs`) with their methods, plus
/// the two paths that serve the document itself.
#[derive(Debug, Clone, Default)]
pub struct KnownPaths {
    paths: Vec<(Vec<Segment>, Vec<&'static str>)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Segment {
    Literal(String),
    Parameter,
}

impl KnownPaths {
    pub fn from_document(doc: &OpenApi) -> KnownPaths {
        let mut paths: Vec<(Vec<Segment>, Vec<&'static str>)> = doc
            .paths
            .paths
            .iter()
            .map(|(path, item)| {
                let methods = [
                    ("GET", item.get.is_some()),
                    ("PUT", item.put.is_some()),
                    ("POST", item.post.is_some()),
                    ("DELETE", item.delete.is_some()),
                    ("PATCH", item.patch.is_some()),
                ]
                .into_iter()
                .filter_map(|(m, present)| present.then_some(m))
                .collect();
                (segments(path), methods)
            })
            .collect();
        for served in ["/api/v1/openapi.json", "/api/v1/docs"] {
            paths.push((segments(served), vec!["GET"]));
        }
        KnownPaths { paths }
    }

    /// The methods the path takes, in a stable order; empty for a path the API does not
    /// have. A path that matches several templates takes the methods of all of them.
    pub fn allowed(&self, path: &str) -> Vec<&'static str> {
        let asked: Vec<&str> = path.split('/').collect();
        let mut allowed: Vec<&'static str> = Vec::new();
        for (template, methods) in &self.paths {
            let fits = template.len() == asked.len()
                && template.iter().zip(&asked).all(|(t, a)| match t {
                    Segment::Literal(l) => l == a,
                    Segment::Parameter => !a.is_empty(),
                });
            if fits {
                for m in methods {
                    if !allowed.contains(m) {
                        allowed.push(m);
                    }
                }
            }
        }
        allowed
    }
}

fn segments(path: &str) -> Vec<Segment> {
    path.trim_end_matches('/')
        .split('/')
        .map(|s| {
            if s.starts_with('{') && s.ends_with('}') {
                Segment::Parameter
            } else {
                Segment::Literal(s.to_owned())
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_match_by_segment() {
        let known = KnownPaths::from_document(&crate::openapi::document());
        assert_eq!(known.allowed("/api/v1/claims/abc/proofs"), vec!["POST"]);
        assert_eq!(known.allowed("/api/v1/cycles"), vec!["GET", "POST"]);
        assert_eq!(known.allowed("/api/v1/openapi.json"), vec!["GET"]);
        assert!(known.allowed("/api/v1/claims//proofs").is_empty());
        assert!(known.allowed("/api/v1/cycles/").is_empty());
        assert!(known.allowed("/api/v1/nothing-here").is_empty());
    }
}
