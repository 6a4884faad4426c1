/* The language server's tests (tests/check_lsp.c, tests/lsp/neovim.lua):
 * an allocation of a context type that registration.c does not register. */
#include <fltKernel.h>

NTSTATUS LsSetupInstance(_In_ PCFLT_RELATED_OBJECTS FltObjects)
{
    PFLT_CONTEXT context;
    NTSTATUS status = FltAllocateContext(FltObjects->Filter, FLT_INSTANCE_CONTEXT, 32, NonPagedPoolNx, &context);
    if (NT_SUCCESS(status))
        FltReleaseContext(context);
    return status;
}
