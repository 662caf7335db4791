// The BlueprintEngine module; see ../shared/DESIGN.md.
