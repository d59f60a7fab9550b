// The testing kit's loopback server, under the names the SDK's own tests use.
export {
  type LoopbackServer as TestServer,
  listenOnLoopback as startServer,
} from "../../src/testing/loopback-server.js";
