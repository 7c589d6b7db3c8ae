"""An independent Mibarai protocol client written from Protocol/*.md (see ../README.md)."""
