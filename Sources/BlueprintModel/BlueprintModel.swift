// The BlueprintModel module; see ../shared/DESIGN.md.
