"""systemd's side of sd_notify(3), for a test: binds a Unix datagram socket at the path given, with SO_PASSCRED,
as systemd's notify socket has it, says "listening" once bound, then prints each datagram as one line: the
sender's PID (from the kernel's SCM_CREDENTIALS, as systemd checks NotifyAccess=), a tab, and the datagram's own
lines joined by tabs. Runs until killed."""
import socket
import struct
import sys

receiver = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
receiver.setsockopt(socket.SOL_SOCKET, socket.SO_PASSCRED, 1)
receiver.bind(sys.argv[1])
print("listening", flush=True)
UCRED = struct.Struct("iII")  # pid, uid, gid
while True:
    data, ancillary, _, _ = receiver.recvmsg(4096, socket.CMSG_SPACE(UCRED.size))
    pid = next((UCRED.unpack(payload[:UCRED.size])[0] for level, kind, payload in ancillary
                if level == socket.SOL_SOCKET and kind == socket.SCM_CREDENTIALS), 0)
    print(str(pid) + "\t" + data.decode("utf-8").replace("\n", "\t"), flush=True)
