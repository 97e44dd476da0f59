// The module is header-only (static inline helpers); SwiftPM wants one source file.
#include "CLinuxPacket.h"
