-- AlterTable
ALTER TABLE "incidents" ADD COLUMN     "import_key" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "incidents_import_key_key" ON "incidents"("import_key");

