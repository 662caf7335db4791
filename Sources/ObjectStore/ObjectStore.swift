// The ObjectStore module; see ../shared/DESIGN.md.
