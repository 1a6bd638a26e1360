/* wait4() options, Linux's values. Shared by the kernel (kernel/sys.c) and user/. */
#ifndef UAPI_LINUX_WAIT_H
#define UAPI_LINUX_WAIT_H

#define WNOHANG 0x00000001 /* return 0 at once when no child has exited */

#endif
