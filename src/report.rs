//! JSON and CSV reports. (Being written.)
