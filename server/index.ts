// `npm run server`: parses the environment, starts the server, and shuts down cleanly on SIGINT/SIGTERM.
import { pathToFileURL } from "node:url"
import { EnvError, loadEnv, serverOptionsFromEnv } from "./env"
import { createLogger } from "./logger"
import { SecretKeyError } from "./secrets"
import { startServer } from "./start-server"

async function main(): Promise<void> {
  let env
  try {
    env = loadEnv()
  } catch (err) {
    if (err instanceof EnvError) {
      console.error(err.message)
      process.exit(1)
    }
    throw err
  }
  const logger = createLogger({ level: env.LOG_LEVEL })
  let server
  try {
    server = await startServer({ ...serverOptionsFromEnv(env), logger })
  } catch (err) {
    if (err instanceof SecretKeyError) {
      logger.fatal(err.message)
      logger.flush()
      process.exitCode = 1
      return
    }
    throw err
  }
  const running = server
  const shutdown = (signal: string) => {
    logger.info({ signal }, "shutting down")
    running.close().then(
      () => {
        logger.flush()
        process.exit(0)
      },
      (err: unknown) => {
        logger.error({ err }, "shutdown failed")
        process.exit(1)
      },
    )
  }
  process.once("SIGINT", () => shutdown("SIGINT"))
  process.once("SIGTERM", () => shutdown("SIGTERM"))
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main()
}
