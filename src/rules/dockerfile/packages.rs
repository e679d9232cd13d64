//! Package-manager command lines: which packages are installed without a pinned version.
