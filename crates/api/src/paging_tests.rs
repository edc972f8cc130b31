//! Unit tests of `paging`.

use super::*;

fn request(limit: Option<u32>) -> ApiResult<PageRequest> {
    PageRequest::from_query(&PageQuery {
        limit,
        cursor: None,
    })
}

#[test]
fn limits_outside_the_range_are_refused() {
    assert!(request(Some(0)).is_err());
    assert!(request(Some(201)).is_err());
    assert_eq!(request(None).unwrap().limit, 50);
    assert_eq!(request(Some(200)).unwrap().limit, 200);
}

#[test]
fn a_full_page_points_at_its_last_item() {
    let paging = request(Some(2)).unwrap();
    let rows = vec![("a", 1), ("b", 2), ("c", 3)];
    let page = paging.page(rows);
    assert_eq!(page.items, [1, 2]);
    assert_eq!(page.next_cursor.as_deref(), Some("b"));
    let last = paging.page(vec![("c", 3)]);
    assert_eq!(last.next_cursor, None);
}
