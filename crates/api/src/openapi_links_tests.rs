//! Unit tests of `openapi_links`, on the whole document.

use serde_json::{json, Value};

fn document() -> Value {
    crate::openapi::document()
}

/// The link named `target` on `operation_id`'s answer `status`.
fn link(document: &Value, operation_id: &str, status: &str, target: &str) -> Value {
    for item in document["paths"].as_object().unwrap().values() {
        for operation in item.as_object().unwrap().values() {
            if operation["operationId"] == operation_id {
                return operation["responses"][status]["links"][target].clone();
            }
        }
    }
    panic!("no operation {operation_id}");
}

#[test]
fn a_create_links_to_the_operations_taking_its_id() {
    let document = document();
    let get = link(&document, "create_board", "201", "get_board");
    assert_eq!(get["operationId"], "get_board");
    assert_eq!(get["parameters"], json!({"board_id": "$response.body#/id"}));
    let delete = link(&document, "create_board", "201", "delete_board");
    assert_eq!(
        delete["parameters"],
        json!({"board_id": "$response.body#/id"})
    );
}

#[test]
fn parameters_the_answer_lacks_come_from_the_source_path() {
    let document = document();
    let delete = link(&document, "create_webhook", "201", "delete_webhook");
    assert_eq!(
        delete["parameters"],
        json!({"team_id": "$request.path.team_id", "webhook_id": "$response.body#/id"})
    );
}

#[test]
fn ids_named_in_a_body_are_filled_from_the_answer() {
    let document = document();
    let open = link(
        &document,
        "create_influencer",
        "201",
        "open_team_conversation",
    );
    // The influencer's `team_id` is the path's: either would do.
    assert_eq!(
        open["parameters"],
        json!({"team_id": "$response.body#/team_id"})
    );
    assert_eq!(
        open["requestBody"],
        json!({"influencer_id": "$response.body#/id"})
    );
}

#[test]
fn a_list_links_its_first_item_to_the_operations_taking_its_id() {
    let document = document();
    let get = link(&document, "list_boards", "200", "get_board");
    assert_eq!(
        get["parameters"],
        json!({"board_id": "$response.body#/items/0/id"})
    );
}

#[test]
fn an_id_of_another_type_is_never_used() {
    // A connection invitation's id is not a team invitation's, though both are `invite_id`.
    let document = document();
    assert_eq!(
        link(
            &document,
            "create_invite",
            "201",
            "revoke_connection_invite"
        ),
        Value::Null
    );
    let revoke = link(&document, "create_invite", "201", "revoke_invite");
    assert_eq!(revoke["parameters"]["invite_id"], "$response.body#/id");
}

#[test]
fn every_link_names_an_operation_and_fills_each_id_in_its_path() {
    let document = document();
    let mut operations = std::collections::BTreeMap::new();
    for item in document["paths"].as_object().unwrap().values() {
        for operation in item.as_object().unwrap().values() {
            if let Some(id) = operation["operationId"].as_str() {
                operations.insert(id.to_owned(), operation.clone());
            }
        }
    }
    let mut count = 0;
    for operation in operations.values() {
        for response in operation["responses"].as_object().unwrap().values() {
            let Some(links) = response["links"].as_object() else {
                continue;
            };
            for link in links.values() {
                count += 1;
                let target = &operations[link["operationId"].as_str().unwrap()];
                let path: Vec<&Value> = target["parameters"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter(|parameter| parameter["in"] == "path")
                    .collect();
                let given = link["parameters"].as_object().cloned().unwrap_or_default();
                for name in given.keys() {
                    assert!(
                        path.iter()
                            .any(|parameter| parameter["name"] == name.as_str()),
                        "{name} is not a path parameter of the target: {link}"
                    );
                }
                for parameter in path {
                    let is_id = parameter["schema"]["$ref"]
                        .as_str()
                        .is_some_and(|schema| schema.ends_with("Id"));
                    let name = parameter["name"].as_str().unwrap();
                    assert!(
                        !is_id || given.contains_key(name),
                        "{name} is not filled: {link}"
                    );
                }
            }
        }
    }
    assert!(count > 100, "only {count} links");
}
