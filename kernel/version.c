/* Version banner; BUILD_ID is the git commit the firmware was built from. */
#include <kernel/version.h>

#ifndef BUILD_ID
#define BUILD_ID "unknown"
#endif

const char build_id[] = BUILD_ID;
const char linux_banner[] =
	"mm-arm11 firmware (board " BOARD_NAME ", build " BUILD_ID ", " __DATE__ " " __TIME__ ")";
