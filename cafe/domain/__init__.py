"""Pure domain logic: no Flask, no database, no sockets. Tested without a server."""
