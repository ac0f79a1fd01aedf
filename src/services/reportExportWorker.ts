import { parentPort, workerData } from "node:worker_threads";
import { openDatabase } from "../store/database.js";
import { ReportRepository } from "../store/reports.js";
import { buildReportExport, type ReportExportJob } from "./reportExport.js";

// A worker thread's entry (buildReportExportOnWorker): builds one export and answers with it.
const { file, job } = workerData as { file: string; job: ReportExportJob };
const db = openDatabase(file, { readonly: true });
try {
  const exported = buildReportExport(new ReportRepository(db), job);
  parentPort?.postMessage(
    exported,
    exported.files.map((each) => each.bytes.buffer as ArrayBuffer),
  );
} finally {
  db.close();
}
