#ifndef KERNEL_VERSION_H
#define KERNEL_VERSION_H

extern const char linux_banner[];
extern const char build_id[];

#endif
