'use strict'

// Runs one KafkaJS operation for the compat module's KafkaJsCompatTest:
//
//   node driver.js <command> '<json arguments>'
//
// Every line on standard output is one JSON object. Progress lines carry "event"; the last line carries
// "result" (the command's output) or "error" (the KafkaJS error: name, type, retriable flag). Logs go to
// standard error. The process exits 0 when it printed a result line or an error line.

const {
  Kafka,
  CompressionTypes,
  CompressionCodecs,
  logLevel,
} = require('kafkajs')

/**
 * Codec packages, each loaded on its own so that one that fails to load does not break the others. Each
 * entry returns the codec type and the factory that KafkaJS calls to get {compress, decompress}.
 */
const CODEC_PACKAGES = {
  snappy: () => [CompressionTypes.Snappy, require('kafkajs-snappy')],
  lz4: () => [CompressionTypes.LZ4, new (require('kafkajs-lz4'))().codec],
  zstd: () => [CompressionTypes.ZSTD, require('@kafkajs/zstd')()],
}

const COMPRESSION_TYPES = {
  none: CompressionTypes.None,
  gzip: CompressionTypes.GZIP,
  snappy: CompressionTypes.Snappy,
  lz4: CompressionTypes.LZ4,
  zstd: CompressionTypes.ZSTD,
}

// Every client timeout stays at or below 10 s so that a mismatch fails fast.
const REQUEST_TIMEOUT_MS = 10000
const CONNECTION_TIMEOUT_MS = 5000

function emit(line) {
  process.stdout.write(JSON.stringify(line) + '\n')
}

function registerCodecs() {
  for (const [name, load] of Object.entries(CODEC_PACKAGES)) {
    try {
      const [type, factory] = load()
      CompressionCodecs[type] = factory
    } catch (e) {
      process.stderr.write(`driver: codec ${name} failed to load: ${e.message}\n`)
    }
  }
}

/** Describes a KafkaJS error by its class name, protocol error type and retriable flag, and its cause. */
function describeError(e) {
  if (e == null) {
    return null
  }
  return {
    name: e.name,
    type: e.type == null ? null : e.type,
    retriable: e.retriable === true,
    message: e.message,
    cause: describeError(e.originalError || e.cause),
  }
}

/**
 * Creates a client whose log lines go to standard error and to `logSink`, when given. KafkaJS logs
 * the offset reset only through its logger, so the reset scenarios watch for that line.
 */
function createKafka(args, logSink) {
  const logCreator = () => ({ namespace, level, log }) => {
    if (logSink) {
      logSink(log.message, log)
    }
    if (level <= logLevel.ERROR) {
      process.stderr.write(`kafkajs [${namespace}] ${log.message}\n`)
    }
  }
  return new Kafka({
    clientId: args.clientId,
    brokers: [args.brokers],
    connectionTimeout: CONNECTION_TIMEOUT_MS,
    requestTimeout: REQUEST_TIMEOUT_MS,
    retry: { retries: args.retries == null ? 1 : args.retries, initialRetryTime: 100, maxRetryTime: 1000 },
    logLevel: logSink ? logLevel.INFO : logLevel.ERROR,
    logCreator,
  })
}

function toMessage(spec) {
  const message = {
    key: spec.key,
    value: spec.valueLength == null ? spec.value : 'v'.repeat(spec.valueLength),
  }
  if (spec.headers) {
    message.headers = spec.headers
  }
  if (spec.partition != null) {
    message.partition = spec.partition
  }
  if (spec.timestamp != null) {
    message.timestamp = String(spec.timestamp)
  }
  return message
}

function text(buffer) {
  return buffer == null ? null : buffer.toString('utf8')
}

/** Turns decoded headers into [key, value] pairs in record order; a repeated key arrives as an array. */
function headerPairs(headers) {
  const pairs = []
  for (const [key, value] of Object.entries(headers || {})) {
    const values = Array.isArray(value) ? value : [value]
    for (const one of values) {
      pairs.push([key, text(one)])
    }
  }
  return pairs
}

/**
 * Returns the highest version KafkaJS implements for each API, keyed by API key. KafkaJS sends
 * min(this, the broker's maximum) for each API.
 */
function maxVersions() {
  const apiKeys = require('kafkajs/src/protocol/requests/apiKeys')
  const { requests } = require('kafkajs/src/protocol/requests')
  const versions = {}
  for (const [name, key] of Object.entries(apiKeys)) {
    const implemented = requests[name] ? requests[name].versions : []
    if (implemented.length > 0) {
      versions[key] = Math.max(...implemented.map(Number))
    }
  }
  return versions
}

async function produce(args) {
  const producer = createKafka(args).producer({ allowAutoTopicCreation: false })
  await producer.connect()
  try {
    const metadata = await producer.send({
      topic: args.topic,
      acks: -1,
      timeout: REQUEST_TIMEOUT_MS,
      compression: COMPRESSION_TYPES[args.compression || 'none'],
      messages: args.messages.map(toMessage),
    })
    return metadata.map(m => ({ partition: m.partition, baseOffset: Number(m.baseOffset) }))
  } finally {
    await producer.disconnect()
  }
}

/**
 * Reads from a topic until `expected` records arrived or `timeoutMs` passed. Unless `commit` is false,
 * the consumer commits what it read before it leaves. `committedOffsets` are committed
 * for the group before the consumer joins, and `afterReset` contains records that the driver produces
 * once KafkaJS has reset an out-of-range offset and fetched twice since.
 */
async function consume(args) {
  let resetSeen = false
  let fetchesAfterReset = 0
  const kafka = createKafka(args, message => {
    if (message.startsWith('Offset out of range, resetting')) {
      resetSeen = true
    }
  })
  const consumer = kafka.consumer({
    groupId: args.groupId,
    sessionTimeout: 10000,
    rebalanceTimeout: 10000,
    heartbeatInterval: 1000,
    maxWaitTimeInMs: 200,
    retry: { retries: 1 },
  })
  const records = []
  const crashes = []
  const committed = new Map()
  let afterResetProduced = null
  // A consumer that restarts after a crash may crash again every few hundred milliseconds, so only
  // distinct crashes are kept.
  consumer.on(consumer.events.CRASH, event => {
    const crash = describeError(event.payload.error)
    crash.restart = event.payload.restart === true
    delete crash.message
    if (!crashes.some(seen => JSON.stringify(seen) === JSON.stringify(crash))) {
      crashes.push(crash)
    }
  })
  consumer.on(consumer.events.FETCH_START, () => {
    if (resetSeen) {
      fetchesAfterReset++
    }
  })

  if (args.committedOffsets) {
    await commitOffsets(kafka, args)
  }
  await consumer.connect()
  try {
    await consumer.subscribe({ topic: args.topic, fromBeginning: args.fromBeginning === true })
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        records.push({
          partition,
          offset: Number(message.offset),
          timestamp: Number(message.timestamp),
          key: text(message.key),
          value: text(message.value),
          headers: headerPairs(message.headers),
        })
        committed.set(partition, String(Number(message.offset) + 1))
        if (records.length === args.announceAfter) {
          emit({ event: 'received', count: records.length })
        }
      },
    })

    const deadline = Date.now() + args.timeoutMs
    while (Date.now() < deadline && records.length < args.expected) {
      if (args.afterReset && resetSeen && fetchesAfterReset >= 2 && afterResetProduced == null) {
        afterResetProduced = produce({ ...args, clientId: args.clientId + '-producer', messages: args.afterReset })
        await afterResetProduced
      }
      await new Promise(resolve => setTimeout(resolve, 50))
    }

    if (args.groupId && args.commit !== false && committed.size > 0) {
      await consumer.commitOffsets([...committed].map(([partition, offset]) => ({
        topic: args.topic,
        partition,
        offset,
      })))
    }
  } finally {
    await consumer.disconnect()
  }
  return { records, crashes, resetSeen }
}

/** Commits `committedOffsets` for the group while it has no member, as an operator's tool would. */
async function commitOffsets(kafka, args) {
  const admin = kafka.admin()
  await admin.connect()
  try {
    await admin.setOffsets({
      groupId: args.groupId,
      topic: args.topic,
      partitions: args.committedOffsets.map(o => ({ partition: o.partition, offset: String(o.offset) })),
    })
  } finally {
    await admin.disconnect()
  }
}

async function offsetsByTimestamp(args) {
  const admin = createKafka(args).admin()
  await admin.connect()
  try {
    const lookups = []
    for (const timestamp of args.timestamps) {
      const offsets = await admin.fetchTopicOffsetsByTimestamp(args.topic, timestamp)
      lookups.push({ timestamp, offsets: offsets.map(o => ({ partition: o.partition, offset: Number(o.offset) })) })
    }
    return lookups
  } finally {
    await admin.disconnect()
  }
}

const COMMANDS = {
  versions: async () => maxVersions(),
  produce,
  consume,
  'offsets-by-timestamp': offsetsByTimestamp,
}

async function main() {
  const [command, json] = process.argv.slice(2)
  const run = COMMANDS[command]
  if (!run) {
    process.stderr.write(`driver: unknown command ${command}; expected one of ${Object.keys(COMMANDS)}\n`)
    process.exit(2)
  }
  registerCodecs()
  try {
    emit({ result: await run(json ? JSON.parse(json) : {}) })
  } catch (e) {
    emit({ error: describeError(e) })
  }
}

main().catch(e => {
  process.stderr.write(`driver: ${e.stack}\n`)
  process.exit(1)
})
