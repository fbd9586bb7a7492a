package dev.lockscope.probe;

import com.sun.jna.LastErrorException;

/** Turns a failed call into a readable reason: "EPERM (1)" style, so reports say exactly what the kernel said. */
final class Errno {
    private Errno() {}

    static String describe(Throwable t) {
        if (t instanceof LastErrorException) {
            return name(((LastErrorException) t).getErrorCode());
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    static int code(Throwable t) {
        return t instanceof LastErrorException ? ((LastErrorException) t).getErrorCode() : -1;
    }

    static String name(int errno) {
        String n;
        switch (errno) {
            case 1: n = "EPERM"; break;
            case 2: n = "ENOENT"; break;
            case 3: n = "ESRCH"; break;
            case 4: n = "EINTR"; break;
            case 7: n = "E2BIG"; break;
            case 9: n = "EBADF"; break;
            case 11: n = "EAGAIN"; break;
            case 12: n = "ENOMEM"; break;
            case 13: n = "EACCES"; break;
            case 14: n = "EFAULT"; break;
            case 16: n = "EBUSY"; break;
            case 19: n = "ENODEV"; break;
            case 22: n = "EINVAL"; break;
            case 24: n = "EMFILE"; break;
            case 28: n = "ENOSPC"; break;
            case 38: n = "ENOSYS"; break;
            case 95: n = "EOPNOTSUPP"; break;
            case 524: n = "ENOTSUPP"; break;
            default: n = "errno";
        }
        return n + " (" + errno + ")";
    }
}
