//! Charts, generic over plotters' `DrawingBackend`. (Being written.)
