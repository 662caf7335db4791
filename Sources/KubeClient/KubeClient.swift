// The KubeClient module; see ../shared/DESIGN.md.
