// Bundled to static/vendor/socket.io.js by scripts/vendor.sh.
export { io } from "socket.io-client";
