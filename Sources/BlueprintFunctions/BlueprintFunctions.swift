// The BlueprintFunctions module; see ../shared/DESIGN.md.
