// Experiments go in this folder and stay untracked; this file keeps `tsc -b` happy (TS18003).
export {}
