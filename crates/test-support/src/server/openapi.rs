//! Reading the served OpenAPI document as a client would: operations by id, and a check
//! that a JSON answer has the shape its schema documents.

use serde_json::Value;

/// `(METHOD, path template)` of the operation with `operation_id`.
pub fn operation(doc: &Value, operation_id: &str) -> (String, String) {
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            if op["operationId"] == operation_id {
                return (method.to_uppercase(), path.clone());
            }
        }
    }
    panic!("no operation {operation_id} in the document")
}

/// Every `(METHOD, path template)` the document lists.
pub fn operations(doc: &Value) -> Vec<(String, String)> {
    let mut all = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            all.push((method.to_uppercase(), path.clone()));
        }
    }
    all
}

/// The path template with `{name}`s filled in order.
pub fn fill(template: &str, values: &[&str]) -> String {
    let mut out = String::new();
    let mut rest = template;
    let mut values = values.iter();
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let end = rest[start..].find('}').unwrap() + start;
        out.push_str(values.next().expect("a value for every path parameter"));
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

/// The documented response of `method path` for `status`: its schema, if it has a JSON one.
/// Panics when the status is not documented.
pub fn response_schema(doc: &Value, method: &str, path: &str, status: u16) -> Option<Value> {
    let op = &doc["paths"][path][method.to_lowercase()];
    let response = &op["responses"][status.to_string()];
    assert!(
        !response.is_null(),
        "{method} {path} answered {status}, which the document does not list"
    );
    let content = response["content"].as_object()?;
    content
        .iter()
        .find(|(media, _)| media.contains("json"))
        .map(|(_, c)| c["schema"].clone())
}

/// Whether `value` has the shape of `schema` (types, required properties, items, unions,
/// references); `Err` says where it does not.
pub fn check(doc: &Value, schema: &Value, value: &Value, at: &str) -> Result<(), String> {
    if let Some(reference) = schema["$ref"].as_str() {
        let name = reference.trim_start_matches("#/components/schemas/");
        return check(doc, &doc["components"]["schemas"][name], value, at);
    }
    for key in ["oneOf", "anyOf"] {
        if let Some(options) = schema[key].as_array() {
            return if options.iter().any(|o| check(doc, o, value, at).is_ok()) {
                Ok(())
            } else {
                Err(format!("{at}: matches none of {key} ({value})"))
            };
        }
    }
    if let Some(all) = schema["allOf"].as_array() {
        for part in all {
            check(doc, part, value, at)?;
        }
    }
    let types: Vec<&str> = match &schema["type"] {
        Value::String(t) => vec![t.as_str()],
        Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
        _ => vec![],
    };
    if !types.is_empty() {
        let actual = match value {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
            Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::Array(_) => "array",
            Value::Object(_) => "object",
        };
        let fits = types.contains(&actual) || (actual == "integer" && types.contains(&"number"));
        if !fits {
            return Err(format!("{at}: {actual} where the schema says {types:?}"));
        }
    }
    if let Some(allowed) = schema["enum"].as_array() {
        if !allowed.contains(value) {
            return Err(format!("{at}: {value} is not one of {allowed:?}"));
        }
    }
    if let Value::Object(fields) = value {
        for required in schema["required"].as_array().into_iter().flatten() {
            let name = required.as_str().unwrap_or_default();
            if !fields.contains_key(name) {
                return Err(format!("{at}: required `{name}` is missing"));
            }
        }
        if let Some(extra) = schema.get("additionalProperties").filter(|v| v.is_object()) {
            for (name, field) in fields {
                check(doc, extra, field, &format!("{at}.{name}"))?;
            }
        } else if let Some(properties) = schema["properties"].as_object() {
            for (name, field) in fields {
                match properties.get(name) {
                    Some(s) => check(doc, s, field, &format!("{at}.{name}"))?,
                    // Our bodies are typed structs: every field they send is documented.
                    None => return Err(format!("{at}: `{name}` is not documented")),
                }
            }
        }
    }
    if let (Value::Array(items), Some(item_schema)) = (value, schema.get("items")) {
        for (i, item) in items.iter().enumerate() {
            check(doc, item_schema, item, &format!("{at}[{i}]"))?;
        }
    }
    Ok(())
}
