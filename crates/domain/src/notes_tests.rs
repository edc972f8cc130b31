//! Unit tests of `notes`.

use super::*;

#[test]
fn bodies_keep_lines_and_refuse_blanks() {
    let note = WriteBody {
        body: " First line\nsecond ".into(),
    };
    assert_eq!(note.validate().unwrap(), "First line\nsecond");
    let blank = WriteBody {
        body: "\n\t ".into(),
    };
    assert_eq!(blank.validate().unwrap_err().0[0].code, "required");
}
