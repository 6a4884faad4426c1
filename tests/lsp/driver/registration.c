/* The registration of the language server's test driver: a volume
 * context only (context.c allocates an instance context). */
#include <fltKernel.h>

typedef struct _LS_VOLUME {
    ULONG SectorSize;
} LS_VOLUME;

const FLT_CONTEXT_REGISTRATION LsContexts[] = {
    { FLT_VOLUME_CONTEXT, 0, NULL, sizeof(LS_VOLUME), 'vRsL' },
    { FLT_CONTEXT_END }
};

CONST FLT_REGISTRATION LsRegistration = {
    .Size = sizeof(FLT_REGISTRATION),
    .Version = FLT_REGISTRATION_VERSION,
    .ContextRegistration = LsContexts,
};
