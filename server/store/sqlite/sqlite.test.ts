import { backendCases } from "../backend.case.ts";
import { volatileCases } from "../volatile.case.ts";
import { openTempSqlite } from "./testing.ts";

// Small replay and compaction steps so the suite crosses step boundaries.
backendCases("sqlite", async () => openTempSqlite({ replayPage: 100, compaction: { chunkRows: 3 } }));
volatileCases("sqlite", async () => openTempSqlite({ replayPage: 2, compaction: { chunkRows: 3 } }));
